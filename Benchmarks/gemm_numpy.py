"""numpy `@` baseline for `reme-bench gemm` (same shapes, best of N, Float32)."""
import sys, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

SHAPES = [
    ("2048x2048x2048", 2048, 2048, 2048, False),
    ("vitb16 qkv 197x768 . 768x2304", 197, 768, 2304, True),
    ("vitb16 attn-out 197x768 . 768x768", 197, 768, 768, True),
    ("vitb16 mlp-up 197x768 . 768x3072", 197, 768, 3072, True),
    ("vitb16 mlp-down 197x3072 . 3072x768", 197, 3072, 768, True),
    ("vitb16 qkv batch8 1576x768 . 768x2304", 1576, 768, 2304, True),
]

def main(threads=2, repeats=10):
    with threadpool_limits(threads):
        info = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
        core = info[0].get("architecture") if info else "unknown"
        print(f"corename={core} threads={threads} numpy={np.__version__}")
        rng = np.random.default_rng(0)
        for name, m, k, n, trans_b in SHAPES:
            a = rng.uniform(-1, 1, (m, k)).astype(np.float32)
            b = rng.uniform(-1, 1, (n, k) if trans_b else (k, n)).astype(np.float32)
            bb = b.T if trans_b else b
            reps = max(3, repeats // 3) if m * n * k > 1e9 else repeats
            a @ bb
            best = float("inf")
            for _ in range(reps):
                t0 = time.perf_counter(); a @ bb; best = min(best, time.perf_counter() - t0)
            print(f"numpy\t{name}\t{best*1e3:.3f} ms\t{2*m*n*k/best/1e9:.1f} GFLOP/s")

if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:]))
