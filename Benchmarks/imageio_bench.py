#!/usr/bin/env python3
"""JPEG decode + resize (short side 448, bicubic) in reme (release build) vs PIL, same run.

Usage: .venv/bin/python Benchmarks/imageio_bench.py [--image JPEG] [--runs 50]
       [--skip-build] [--conformance]
The Swift side is `reme-bench image-io` from a release build (`swift build -c release`). Both sides are single-threaded and report the median of
`runs` timed runs after 5 warm-up runs. --conformance also decodes and resizes every labelme
example photo and scikit-image PNG with both and reports the largest pixel difference.
Made with Python 3.11, Pillow 13.0.0, numpy 2.4.6, torch 2.15.0.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import PIL
import torch
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IMAGE = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_annotated/2011_000006.jpg"


def short_side(width, height, n):
    short, long = min(width, height), max(width, height)
    new_long = int(n * long / short)
    return (n, new_long) if width <= height else (new_long, n)


def median_ms(body, runs):
    samples = []
    for i in range(runs + 5):
        start = time.perf_counter()
        body()
        if i >= 5:
            samples.append((time.perf_counter() - start) * 1e3)
    return sorted(samples)[len(samples) // 2]


def run_swift(image, runs, out_dir):
    command = [os.path.join(ROOT, ".build/release/reme-bench"), "image-io", image, "--runs", str(runs)]
    if out_dir:
        command += ["--out", out_dir]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    line = next((l for l in result.stdout.splitlines() if "reme-image-bench" in l), None)
    if line is None:
        sys.exit("Swift benchmark printed no result:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return {k: float(v) for k, v in re.findall(r"(\w+_ms)=([0-9.]+)", line)}


def pil_pipeline(path):
    image = Image.open(path).convert("RGB")
    return image, image.resize(short_side(*image.size, 448), Image.Resampling.BICUBIC)


def conformance(runs_dir):
    photos = sorted(set(glob.glob("/usr/share/doc/labelme-examples/examples/*/data_annotated/*.jpg")))
    pngs = sorted(glob.glob(os.path.join(os.path.dirname(__import__("skimage").__file__), "data", "*.png")))
    worst = (0, 0, "")
    for path in photos + pngs:
        run_swift(path, 1, runs_dir)
        decoded, resized = pil_pipeline(path)
        swift_decoded = np.asarray(Image.open(os.path.join(runs_dir, "decoded.png")).convert("RGB")).astype(int)
        swift_resized = np.asarray(Image.open(os.path.join(runs_dir, "resized.png")).convert("RGB")).astype(int)
        d = np.abs(swift_decoded - np.asarray(decoded).astype(int)).max()
        r = np.abs(swift_resized - np.asarray(resized).astype(int)).max()
        print(f"  {os.path.basename(path):28s} {decoded.size[0]}x{decoded.size[1]}  decode max|Δ|={d}  resize max|Δ|={r}")
        worst = max(worst, (d, r, path))
    print(f"{len(photos)} JPEGs + {len(pngs)} PNGs; worst decode/resize max|Δ| = {worst[0]}/{worst[1]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", default=DEFAULT_IMAGE)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--conformance", action="store_true")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternate Swift and Python this many times and keep each side's median "
                             "(the machine is shared, so load drifts)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--build-tests"], cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory() as out:
        swift_rounds = [run_swift(args.image, args.runs, out)]
        decoded, resized = pil_pipeline(args.image)
        size = short_side(*decoded.size, 448)
        decode_diff = np.abs(np.asarray(Image.open(os.path.join(out, "decoded.png")).convert("RGB")).astype(int)
                             - np.asarray(decoded).astype(int)).max()
        resize_diff = np.abs(np.asarray(Image.open(os.path.join(out, "resized.png")).convert("RGB")).astype(int)
                             - np.asarray(resized).astype(int)).max()
        if args.conformance:
            conformance(out)

    def decode():
        Image.open(args.image).convert("RGB")

    def resize():
        decoded.resize(size, Image.Resampling.BICUBIC)

    def both():
        Image.open(args.image).convert("RGB").resize(size, Image.Resampling.BICUBIC)

    def float_aa():
        pixels = torch.from_numpy(np.array(Image.open(args.image).convert("RGB"))).permute(2, 0, 1)[None].float()
        F.interpolate(pixels, size=(size[1], size[0]), mode="bicubic", align_corners=False, antialias=True)

    pil_rounds = []
    for round_index in range(args.rounds):
        if round_index > 0:
            swift_rounds.append(run_swift(args.image, args.runs, None))
        pil_rounds.append({
            "decode_ms": median_ms(decode, args.runs),
            "resize_u8_ms": median_ms(resize, args.runs),
            "decode_resize_u8_ms": median_ms(both, args.runs),
            "decode_resize_float_aa_ms": median_ms(float_aa, args.runs),
        })
    swift = {k: float(np.median([r[k] for r in swift_rounds])) for k in swift_rounds[0]}
    pil = {k: float(np.median([r[k] for r in pil_rounds])) for k in pil_rounds[0]}
    rows = [
        ("JPEG decode → RGB", "decode_ms", "`Image.open().convert('RGB')`"),
        ("resize to short side 448, bicubic, 8-bit", "resize_u8_ms", "`Image.resize(BICUBIC)`"),
        ("decode + resize (the pipeline)", "decode_resize_u8_ms", "`Image.open().convert('RGB').resize(...)`"),
        ("decode + float bicubic antialias", "decode_resize_float_aa_ms", "PIL decode + `F.interpolate(antialias=True)`"),
    ]
    w, h = decoded.size
    print(f"image: {os.path.basename(args.image)} {w}x{h} -> {size[0]}x{size[1]}, median of {args.runs} runs "
          f"(median over {args.rounds} alternating rounds), 1 thread, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"Pillow {PIL.__version__}, torch {torch.__version__}; pixels: decode max|Δ| = {decode_diff}, resize max|Δ| = {resize_diff}\n")
    print("| step | reme (ms) | Python (ms) | Python call | reme / Python |")
    print("| --- | ---: | ---: | --- | ---: |")
    for label, key, call in rows:
        print(f"| {label} | {swift[key]:.2f} | {pil[key]:.2f} | {call} | {swift[key] / pil[key]:.2f} |")


if __name__ == "__main__":
    main()
