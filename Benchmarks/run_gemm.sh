#!/usr/bin/env bash
# sgemm: reme's Tensor.matmul vs numpy, same shapes, same run, both OpenBLAS kernel families;
# reme with its own split over the cores (default) and with OpenBLAS's threads (REME_BLAS_SPLIT=0).
# Usage: [ROUNDS=N] Benchmarks/run_gemm.sh [PYTHON]   (PYTHON needs numpy and threadpoolctl)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-python3}
swift build -c release --product reme-bench >/dev/null
for round in $(seq "${ROUNDS:-1}"); do
for core in default Haswell SkylakeX; do
    echo "== OPENBLAS_CORETYPE=$core"
    if [ "$core" = SkylakeX ] && ! grep -qw avx512f /proc/cpuinfo; then
        echo "skipped: this CPU has no AVX-512 (SkylakeX kernels would die with SIGILL)"
        continue
    fi
    if [ "$core" = default ]; then
        env -u OPENBLAS_CORETYPE .build/release/reme-bench gemm
        env -u OPENBLAS_CORETYPE REME_BLAS_SPLIT=0 .build/release/reme-bench gemm
        env -u OPENBLAS_CORETYPE "$PY" Benchmarks/gemm_numpy.py
    else
        OPENBLAS_CORETYPE=$core .build/release/reme-bench gemm
        OPENBLAS_CORETYPE=$core REME_BLAS_SPLIT=0 .build/release/reme-bench gemm
        OPENBLAS_CORETYPE=$core "$PY" Benchmarks/gemm_numpy.py
    fi
done
done
