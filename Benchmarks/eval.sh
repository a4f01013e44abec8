#!/usr/bin/env bash
# Evaluation at scale (Benchmarks/README.md, "Evaluation"): throughput of `reme eval`, the
# overhead of its resumable log (--work-dir), a kill-and-resume and a 4-shard merge, on a
# 12-image VOC folder made of Debian's labelme VOC photos (3 photos × 4 ids), with full-size
# random-weight models from `python scripts/make_model_fixtures.py --fullsize DIR` (the CLIP
# folder also needs vocab.json + merges.txt, see the Rerun section). Release build.
# Usage: Benchmarks/eval.sh FULLSIZE_DIR [VISUAL_FOLDER_NAME=dinov2-base] [ROUNDS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:?folder made by make_model_fixtures.py --fullsize}
VISUAL=${2:-dinov2-base}
ROUNDS=${ROUNDS:-2}
reme=.build/release/reme
src=/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/voc/JPEGImages" "$W/voc/SegmentationClass" "$W/voc/ImageSets/Segmentation" "$W/images"
for id in 2011_000003 2011_000006 2011_000025; do
    cp "$src/JPEGImages/$id.jpg" "$W/images/"
    for c in 0 1 2 3; do
        cp "$src/JPEGImages/$id.jpg" "$W/voc/JPEGImages/${id}_$c.jpg"
        cp "$src/SegmentationClassPNG/$id.png" "$W/voc/SegmentationClass/${id}_$c.png"
        echo "${id}_$c" >> "$W/voc/ImageSets/Segmentation/val.txt"
    done
done
cat > "$W/captions.jsonl" <<'CAPTIONS'
{"image": "2011_000003.jpg", "caption": "A man in a white shirt stands on a street next to a car, with buildings and a tree in the background."}
{"image": "2011_000006.jpg", "caption": "Several people stand in a room with a wall behind them, one person holds a bottle near a table."}
{"image": "2011_000025.jpg", "caption": "A red bus drives down a road past a car, with trees and a building under a grey sky."}
CAPTIONS
models=(--clip "$DIR/clip-vit-base-patch16" --visual "$DIR/$VISUAL")
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
# A small reference set (coarse segments keep the CLIP crops few).
$reme build --images "$W/images" --captions "$W/captions.jsonl" "${models[@]}" --min-size 2000 \
    --output "$W/ref.safetensors" > /dev/null
common=(--dataset voc21 --root "$W/voc" "${models[@]}" --reference "$W/ref.safetensors")
calc() { python3 -c "print($1)"; }
seconds() { local s=$EPOCHREALTIME; "$@" > /dev/null; calc "$EPOCHREALTIME - $s"; }
for round in $(seq "$ROUNDS"); do
    plain=$(seconds $reme eval "${common[@]}" --output "$W/plain.json")
    rm -rf "$W/work"
    logged=$(seconds $reme eval "${common[@]}" --work-dir "$W/work" --output "$W/logged.json")
    printf 'round %s: plain %.2f s (%.3f images/s), with --work-dir %.2f s; log overhead %+.2f %%\n' "$round" \
        "$plain" "$(calc "12 / $plain")" "$logged" "$(calc "($logged / $plain - 1) * 100")"
    cmp -s "$W/plain.json" "$W/logged.json" && echo "  results identical"
done
# Kill after about a third of the images, then resume.
rm -rf "$W/work"
$reme eval "${common[@]}" --work-dir "$W/work" --output "$W/resumed.json" > /dev/null 2>&1 &
pid=$!
sleep "$(calc "$plain / 3")"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
resume=$($reme eval "${common[@]}" --work-dir "$W/work" --output "$W/resumed.json" | grep -m1 "images:" || true)
echo "kill and resume: $resume"
cmp -s "$W/plain.json" "$W/resumed.json" && echo "  resumed results identical to the plain run" || echo "  RESUMED RESULTS DIFFER"
# Four shards, then merge.
for i in 0 1 2 3; do $reme eval "${common[@]}" --work-dir "$W/shards" --shard "$i/4" > /dev/null; done
$reme eval merge --work-dir "$W/shards" --output "$W/merged.json" > /dev/null
cmp -s "$W/plain.json" "$W/merged.json" && echo "4-shard merge identical to the plain run" || echo "4-SHARD MERGE DIFFERS"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('mIoU', d['mIoU'], 'aAcc', d['aAcc'])" "$W/plain.json"
