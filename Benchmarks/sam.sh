#!/usr/bin/env bash
# SAM (Benchmarks/README.md, "SAM"): `reme masks`' automatic mask generation vs transformers'
# `mask-generation` pipeline on one labelme VOC photo (500×375), same random weights, 2 threads,
# split into image encoder, mask decoder and post-processing, with peak RSS; then the per-image
# cost of `reme segment` and `reme build` with --segmenter sam next to Felzenszwalb.
# Needs: a release build (`swift build -c release`), a venv with torch + transformers
# and torchvision (the pipeline's NMS; PYTHONPATH may add it), SAM checkpoints from `scripts/make_sam_fixtures.py --fullsize SIZE DIR`
# and, for the pipeline figures, CLIP/DINOv2 from `scripts/make_model_fixtures.py --fullsize DIR`.
# Usage: [SECTIONS="parity sizes pipeline"] [ROUNDS=1] Benchmarks/sam.sh SAM_BASE_DIR [SAM_LARGE_DIR] [FULLSIZE_DIR]
# ROUNDS > 1 repeats the size comparison, alternating reme (both kernel families) and PyTorch in
# each round, because PyTorch's CPU time moves by ±30 % between runs on a shared machine.
# The Felzenszwalb per-image figures it is read against are the `reme-bench pipeline` tables of
# Benchmarks/README.md (a full-size Felzenszwalb build costs ~3 minutes per image in CLIP crops).
set -euo pipefail
SECTIONS=${SECTIONS:-parity sizes pipeline}
ROUNDS=${ROUNDS:-1}
has() { [[ " $SECTIONS " == *" $1 "* ]]; }
cd "$(dirname "$0")/.."
BASE=${1:?folder made by make_sam_fixtures.py --fullsize base}
LARGE=${2:-}
FULL=${3:-}
PYTHON=${PYTHON:-python3}
photo=/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages/2011_000025.jpg  # 500×375
bench=.build/release/reme-bench
reme=.build/release/reme
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p')"
echo "flags: $(lscpu | sed -n 's/^Flags: *//p' | tr ' ' '\n' | grep -E '^(avx2|fma|avx512f|avx512_bf16|avx512_vnni|avx512bw)$' | tr '\n' ' ')"
echo "photo: $photo"
run_sizes() {
    local name=$1 dir=$2 round=$3
    echo "== $name, round $round"
    # Weights are memory-mapped: read them once so that no timed stage waits for the disk.
    cat "$dir"/*.safetensors > /dev/null
    for core in Haswell auto; do
        if [ "$core" = auto ]; then
            env -u OPENBLAS_CORETYPE $bench sam-masks --model "$dir" --image "$photo" --json "$W/reme-$name-$core-$round.json"
        else
            OPENBLAS_CORETYPE=$core $bench sam-masks --model "$dir" --image "$photo" --json "$W/reme-$name-$core-$round.json"
        fi
    done
    "$PYTHON" Benchmarks/sam_pytorch.py "$dir" "$photo" --timings "$W/torch-$name-$round.json" --threads 2 2>/dev/null
}
if has parity; then
echo "== parity at full size (vit-base, 8×8 points, IoU and stability thresholds 0 so that masks survive)"
low=(--points-per-side 8 --pred-iou-thresh 0 --stability-score-thresh 0)
$reme masks "$photo" --sam "$BASE" "${low[@]}" --output "$W/parity-reme.json" > /dev/null 2>&1
"$PYTHON" Benchmarks/sam_pytorch.py "$BASE" "$photo" "${low[@]}" --output "$W/parity-torch.json" > /dev/null
"$PYTHON" Benchmarks/sam_compare.py "$W/parity-reme.json" "$W/parity-torch.json"
fi
if has sizes; then
    for round in $(seq "$ROUNDS"); do
        run_sizes vit-base "$BASE" "$round"
        if [ -n "$LARGE" ]; then run_sizes vit-large "$LARGE" "$round"; fi
    done
fi

if [ -n "$FULL" ] && has pipeline; then
    echo "== per image, reme segment (full-size random CLIP-B/16 + DINOv2-B/14, zero-reference and with a reference set)"
    images="$W/images"; mkdir -p "$images"
    src=/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages
    for id in 2011_000003 2011_000006 2011_000025; do cp "$src/$id.jpg" "$images/"; done
    cat > "$W/captions.jsonl" <<'CAPTIONS'
{"image": "2011_000003.jpg", "caption": "A man in a white shirt stands on a street next to a car, with buildings and a tree in the background."}
{"image": "2011_000006.jpg", "caption": "Several people stand in a room with a wall behind them, one person holds a bottle near a table."}
{"image": "2011_000025.jpg", "caption": "A red bus drives down a road past a car, with trees and a building under a grey sky."}
CAPTIONS
    models=(--clip "$FULL/clip-vit-base-patch16" --visual "$FULL/dinov2-base")
    seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null; python3 -c "print(round($EPOCHREALTIME - $s, 2))"; }
    sam=(--segmenter sam --sam "$BASE")
    b=$(seconds $reme build --images "$images" --captions "$W/captions.jsonl" "${models[@]}" "${sam[@]}" \
        --output "$W/ref-sam.safetensors")
    for image in 2011_000003 2011_000025; do
        start=$EPOCHREALTIME
        $reme segment "$images/$image.jpg" --labels "person, car, road, building, tree, sky, bus, wall" \
            "${models[@]}" "${sam[@]}" --reference "$W/ref-sam.safetensors" --output "$W/p-$image.png" --json > "$W/seg-$image.out"
        s=$(python3 -c "print(round($EPOCHREALTIME - $start, 2))")
        regions=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['segments'])" "$W/seg-$image.out")
        echo "sam: segment $image ${s} s (models loaded per command), ${regions} regions"
    done
    echo "sam: build 3 images ${b} s ($(python3 -c "print(round($b/3,2))") s/image)"
fi
echo "== JSON"
for f in "$W"/*.json; do if [ -e "$f" ]; then echo "$(basename "$f"): $(cat "$f")"; fi; done
