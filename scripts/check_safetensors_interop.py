#!/usr/bin/env python3
"""Checks that a safetensors file written by the Swift SafetensorsWriter loads in Python.

Made with: Python 3.11, safetensors 0.8.0, numpy 2.4.6, torch 2.15.0 (CPU).

    REME_WRITE_INTEROP=/tmp/reme_interop.safetensors swift test --filter writeInteropFile
    .venv/bin/python scripts/check_safetensors_interop.py /tmp/reme_interop.safetensors

The expected contents are the ones SafetensorsWriterTests.writeInteropFile writes.
Exits non-zero with a message on the first difference.
"""
import json
import struct
import sys

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def main(path):
    expected = {
        "ramp": torch.from_numpy((np.arange(12, dtype=np.float32) * 0.25 - 1).reshape(3, 4)),
        "half": torch.from_numpy(np.array([0, 1, -2.5, 65504, 1e-7, np.inf], dtype=np.float32).astype(np.float16)),
        "brain": torch.tensor([1, -3.140625, 0.1], dtype=torch.float32).to(torch.bfloat16),
        "indices": torch.tensor([0, 5, 2**40, -7], dtype=torch.int64),
        "indptr": torch.tensor([0, 2, 4], dtype=torch.int32),
        "mask": torch.tensor([[0, 1], [255, 7]], dtype=torch.uint8),
        "scalar": torch.tensor(2.5, dtype=torch.float32),
        "empty": torch.zeros((0, 4), dtype=torch.float32),
    }
    metadata = {"format": "pt", "phrases": '["a cat", "\u00e9t\u00e9"]', "note": "line\nbreak"}

    loaded = load_file(path)
    if sorted(loaded) != sorted(expected):
        fail(f"tensor names {sorted(loaded)} != {sorted(expected)}")
    for name, want in expected.items():
        got = loaded[name]
        if got.dtype != want.dtype or tuple(got.shape) != tuple(want.shape):
            fail(f"{name}: {got.dtype} {tuple(got.shape)} != {want.dtype} {tuple(want.shape)}")
        # Compare raw bits, so rounding to f16 / bf16 must agree exactly with torch / numpy.
        if got.numel() and not torch.equal(got.view(-1).view(torch.uint8), want.reshape(-1).view(torch.uint8)):
            fail(f"{name}: values differ: {got} != {want}")

    with safe_open(path, framework="pt") as f:
        if f.metadata() != metadata:
            fail(f"metadata {f.metadata()} != {metadata}")

    # Layout: header padded to 8 bytes, and data section identical to Python's own writer.
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    if n % 8:
        fail(f"header length {n} is not a multiple of 8")
    header = json.loads(raw[8 : 8 + n])
    reference = save(expected)
    (rn,) = struct.unpack("<Q", reference[:8])
    ref_header = json.loads(reference[8 : 8 + rn])
    for name in expected:
        if header[name] != ref_header[name]:
            fail(f"{name}: header entry {header[name]} != Python's {ref_header[name]}")
    if raw[8 + n :] != reference[8 + rn :]:
        fail("data section differs from the one safetensors.torch.save writes")

    print(f"OK: {path}: {len(expected)} tensors, metadata and layout match safetensors "
          f"(header entries and data section identical to Python's writer)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/reme_interop.safetensors")
