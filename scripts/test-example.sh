#!/usr/bin/env bash
# Builds Examples/segment-library — an application that uses the ReME library product through
# `.package(name: "reme", path: "../..")`, public API only — in its own scratch folder
# (.build/examples/segment-library) and runs it end to end on photos from Debian's
# labelme-examples:
#   1. with its colour stand-in encoders: its prediction must agree with naming each pixel's
#      colour clearly better than the most common colour alone does, and the reference set it
#      wrote must open in `reme refset info`;
#   2. with the tiny random-weight CLIP / DINOv2 test fixtures: `reme segment` given the
#      reference set the example built must write the same PNG as the example, byte for byte.
# Needs the `reme` debug build (scripts/test.sh builds it first).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build/examples/segment-library
swift build --package-path Examples/segment-library --scratch-path "$scratch"
example="$scratch/debug/segment-library"
reme="$(swift build --show-bin-path)/reme"
photos=/usr/share/doc/labelme-examples/examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Colour stand-ins.
log=$("$example" --references "$photos/classification/data_annotated" "$photos/semantic_segmentation/data_annotated" \
        "$photos/tutorial/apc2016_obj3.jpg" "$photos/primitives/primitives.jpg" \
    --image "$photos/video_annotation/data_annotated/00000100.jpg" --short-side 160 \
    --output "$work/colours.png" --overlay "$work/colours-overlay.png" --refset "$work/colours.safetensors")
scores=$(sed -n 's/^agreement[^:]*: \([0-9.]*\) (most common colour alone: \([0-9.]*\))$/\1 \2/p' <<<"$log")
if [ -z "$scores" ] || ! awk -v a="${scores% *}" -v b="${scores#* }" 'BEGIN { exit !(a >= b + 0.1) }'; then
    printf '%s\n' "$log" >&2
    echo "scripts/test-example.sh: the colour example does not beat the most-common-colour baseline" >&2
    exit 1
fi
test -s "$work/colours-overlay.png"
"$reme" refset info "$work/colours.safetensors" >/dev/null

# 2. Tiny random-weight models, compared with the command-line program.
mkdir "$work/clip"
cp Tests/Fixtures/models/clip_tiny/{config.json,model.safetensors} \
    Tests/Fixtures/pipeline/clip_tiny_tokenizer/{vocab.json,merges.txt} "$work/clip/"
dino=Tests/Fixtures/models/dinov2_tiny
image="$photos/semantic_segmentation/data_annotated/2011_000003.jpg"
labels="sky, person, road, bus"
"$example" --references "$photos/classification/data_annotated" --image "$image" --labels "$labels" \
    --clip "$work/clip" --visual "$dino" --short-side 64 --output "$work/library.png" --refset "$work/tiny.safetensors" >/dev/null
"$reme" segment "$image" --labels "$labels" --reference "$work/tiny.safetensors" --clip "$work/clip" --visual "$dino" \
    --preset voc --segment-short-side 64 --dense-short-side 64 --output "$work/cli.png" >/dev/null
cmp "$work/library.png" "$work/cli.png"
echo "example: ok (colour agreement ${scores% *} vs ${scores#* }; library and reme segment agree)"
