#!/usr/bin/env python3
"""Agreement and speed of `reme-bench felzenszwalb-raw` against skimage.segmentation.felzenszwalb.

Made with: Python 3.11, numpy 2.4.6, scipy 1.17.1, scikit-image 0.26.0, pillow (the .venv of CONTRIBUTING.md).

Images: the PNG photos shipped in the scikit-image wheel (skimage/data/*.png) and Debian
labelme-examples' VOC photos (/usr/share/doc/labelme-examples/examples/*/data_annotated/*.jpg),
all decoded with PIL and converted to RGB (gray replicated, alpha dropped), at their own size.
Both sides read the same raw RGB bytes. Agreement: segments matched one-to-one (Hungarian
assignment maximising overlap), fraction of pixels whose segments are matched.

Usage:
  swift build -c release
  .venv/bin/python scripts/compare_felzenszwalb.py [--reme .build/release/reme-bench] [--repeat 3]
      [--markdown OUT.md] [--stable-check] [--only skimage|labelme]

--stable-check also runs scikit-image with np.argsort forced to a stable sort and reports how
many runs then give exactly our partition (ties between equal edge weights are the only place
where NumPy's unstable quicksort order can make the two differ).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import skimage
from PIL import Image
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from skimage.segmentation import felzenszwalb

PRESETS = {
    "voc": (100, 0.7, 20),
    "context": (100, 1.0, 20),
    "stuff": (100, 1.0, 100),
    "cityscapes": (20, 0.5, 50),
}  # "ade" has the same parameters as "context".


def images(only):
    data = os.path.join(os.path.dirname(skimage.__file__), "data")
    paths = []
    if only in (None, "skimage"):
        paths += sorted(glob.glob(os.path.join(data, "*.png")))
    if only in (None, "labelme"):
        paths += sorted(glob.glob("/usr/share/doc/labelme-examples/examples/*/data_annotated/*.jpg"))
    for path in paths:
        rgb = np.asarray(Image.open(path).convert("RGB"))
        if min(rgb.shape[:2]) < 16:
            continue
        yield path, np.ascontiguousarray(rgb)


def agreement(a, b):
    a = a.ravel().astype(np.int64)
    b = b.ravel().astype(np.int64)
    overlap = coo_matrix((np.ones_like(a), (a, b)), shape=(a.max() + 1, b.max() + 1)).toarray()
    rows, cols = linear_sum_assignment(-overlap)
    return overlap[rows, cols].sum() / a.size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reme", default=".build/release/reme-bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown")
    parser.add_argument("--stable-check", action="store_true")
    parser.add_argument("--only", choices=["skimage", "labelme"], help="one image set")
    args = parser.parse_args()
    rows = []
    stable_identical = []
    with tempfile.TemporaryDirectory() as tmp:
        for path, rgb in images(args.only):
            h, w = rgb.shape[:2]
            raw = os.path.join(tmp, "in.rgb")
            out = os.path.join(tmp, "out.i32")
            rgb.tofile(raw)
            for preset, (scale, sigma, min_size) in PRESETS.items():
                best = float("inf")
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    ref = felzenszwalb(rgb, scale=scale, sigma=sigma, min_size=min_size)
                    best = min(best, time.perf_counter() - t0)
                cmd = [args.reme, "felzenszwalb-raw", raw, "--width", str(w), "--height", str(h),
                       "--scale", str(scale), "--sigma", str(sigma), "--min-size", str(min_size),
                       "--output", out, "--repeat", str(args.repeat)]
                line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
                ours_ms = float(line[3])
                ours = np.fromfile(out, dtype="<i4").reshape(h, w)
                k_ref = int(ref.max()) + 1
                k_ours = int(ours.max()) + 1
                agree = agreement(ref, ours)
                if args.stable_check:
                    original = np.argsort
                    np.argsort = lambda a, *rest, **kw: original(a, kind="stable")
                    try:
                        stable = felzenszwalb(rgb, scale=scale, sigma=sigma, min_size=min_size)
                    finally:
                        np.argsort = original
                    pairs = len(np.unique(stable.ravel().astype(np.int64) * (1 << 32) + ours.ravel()))
                    identical = pairs == stable.max() + 1 == k_ours
                    stable_identical.append(identical)
                    if not identical:
                        print(f"  stable argsort: partition differs ({agreement(stable, ours) * 100:.3f}%)")
                rows.append((os.path.basename(path), w, h, preset, k_ref, k_ours, agree, best * 1e3, ours_ms))
                print(f"{os.path.basename(path):28s} {w}x{h} {preset:10s} K {k_ref:5d} / {k_ours:5d} "
                      f"agree {agree * 100:7.3f}%  skimage {best * 1e3:8.1f} ms  reme {ours_ms:8.1f} ms "
                      f"x{best * 1e3 / ours_ms:5.2f}", flush=True)
    agrees = np.array([r[6] for r in rows])
    kdiff = np.array([abs(r[5] - r[4]) / r[4] for r in rows])
    speed = np.array([r[7] / r[8] for r in rows])
    print(f"runs {len(rows)}  min agreement {agrees.min() * 100:.3f}%  mean {agrees.mean() * 100:.3f}%  "
          f"max |dK|/K {kdiff.max() * 100:.3f}%  speed-up median x{np.median(speed):.2f} min x{speed.min():.2f}  "
          f"total skimage {sum(r[7] for r in rows) / 1e3:.2f} s reme {sum(r[8] for r in rows) / 1e3:.2f} s")
    if args.stable_check:
        print(f"stable argsort: {sum(stable_identical)} of {len(stable_identical)} runs give identical partitions")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("| image | size | preset | K skimage | K reme | agreement % | skimage ms | reme ms | speed-up |\n")
            f.write("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
            for name, w, h, preset, kr, ko, ag, ts, to in rows:
                f.write(f"| {name} | {w}×{h} | {preset} | {kr} | {ko} | {ag * 100:.3f} | {ts:.1f} | {to:.1f} | "
                        f"{ts / to:.2f}× |\n")
    return 0 if agrees.min() >= 0.99 and kdiff.max() <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
