#!/bin/sh
# Interleaved timing of reme (release) and PyTorch CPU on the same image towers, 2 threads each.
# Needs the full-size random folders from: python scripts/make_model_fixtures.py --fullsize DIR
# Usage: Benchmarks/models.sh DIR [ROUNDS]   (run from the repository root after swift build -c release)
set -e
DIR=${1:?folder made by make_model_fixtures.py --fullsize}
ROUNDS=${2:-2}
PY=${PYTHON:-python3}
for round in $(seq "$ROUNDS"); do
  for spec in "clip-vit-base-patch16 224" "dinov2-base 448" "dinov2-large 448"; do
    set -- $spec
    .build/release/reme bench-encoder --model "$DIR/$1" --size "$2" --threads 2 --repeats 3
    OMP_NUM_THREADS=2 "$PY" Benchmarks/models_torch.py "$DIR/$1" "$2" 1 3 2>/dev/null
  done
done
