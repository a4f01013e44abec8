#!/bin/sh
# Interleaved timing of reme (release) and PyTorch CPU on the same towers, 2 threads each:
# reme with OpenBLAS's default kernels and with OPENBLAS_CORETYPE=Haswell (set for the reme
# command only; PyTorch ignores it), then PyTorch, per workload, ROUNDS times.
# Needs the full-size random folders from: python scripts/make_model_fixtures.py --fullsize DIR
# Usage: Benchmarks/models.sh DIR [ROUNDS]   (run from the repository root after swift build -c release)
set -e
DIR=${1:?folder made by make_model_fixtures.py --fullsize}
ROUNDS=${2:-2}
PY=${PYTHON:-python3}
for round in $(seq "$ROUNDS"); do
  for spec in "clip-vit-base-patch16 224 1" "clip-vit-base-patch16 224 8" "clip-vit-base-patch16 text 80" \
              "dinov2-base 448 1" "dinov2-large 448 1"; do
    set -- $spec
    if [ "$2" = text ]; then args="--texts $3"; else args="--size $2 --batch $3"; fi
    env -u OPENBLAS_CORETYPE .build/release/reme-bench encoder --model "$DIR/$1" $args --threads 2 --repeats 3
    OPENBLAS_CORETYPE=Haswell .build/release/reme-bench encoder --model "$DIR/$1" $args --threads 2 --repeats 3
    OMP_NUM_THREADS=2 "$PY" Benchmarks/models_torch.py "$DIR/$1" "$2" "$3" 3 2>/dev/null
  done
done
