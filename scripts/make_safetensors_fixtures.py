#!/usr/bin/env python3
"""Makes the safetensors test fixtures in Tests/Fixtures/safetensors/.

Made with: Python 3.11, safetensors 0.8.0, numpy 2.4.6, torch 2.15.0 (CPU).
Run from the repository root:  .venv/bin/python scripts/make_safetensors_fixtures.py

dtypes.safetensors   one tensor per dtype (written by safetensors.torch.save_file, with
                     __metadata__), incl. F16 subnormals / inf / NaN payloads, BF16, a 0-d
                     scalar, a zero-size tensor, all 256 patterns of each float8 format and C64.
dtypes.json          the expected values: for each tensor its dtype, shape, the raw element
                     bits (floats) or values (integers), and the expected Float32 bit pattern
                     after conversion (numpy's exact f16->f32, bf16 bits << 16, f64 rounded by
                     numpy, integers cast by numpy, float8 by torch; null = NaN; C64 has none).
numpy_written.safetensors  written by safetensors.numpy.save_file from fixed values; the
                     Swift writer must reproduce it byte for byte (same order, offsets, padding).
sharded/             a two-shard checkpoint with model.safetensors.index.json, as transformers
                     writes it.
"""
import json
import os

import numpy as np
import torch
from safetensors.torch import save_file

OUT = os.path.join("Tests", "Fixtures", "safetensors")

F16_BITS = [
    0x0000, 0x8000,          # +0, -0
    0x3C00, 0xC100,          # 1, -2.5
    0x7BFF, 0xFBFF,          # +-65504 (max finite)
    0x0400, 0x8400,          # +-min normal
    0x0001, 0x8001,          # +-min subnormal
    0x03FF, 0x0200, 0x8155,  # subnormals
    0x7C00, 0xFC00,          # +-inf
    0x7E00, 0xFE00,          # quiet NaNs
    0x7C01, 0xFE3F, 0x7D55,  # NaNs with payloads (one signalling)
    0x2E66, 0x3555,          # ~0.1, ~1/3
]
BF16_BITS = [
    0x0000, 0x8000, 0x3F80, 0xC020, 0x7F7F, 0xFF7F, 0x0080, 0x0001, 0x807F,
    0x7F80, 0xFF80, 0x7FC0, 0xFFC1, 0x7F81, 0x3DCD, 0x3EAB,
]


def f32_bits(a):
    return [int(x) for x in np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).ravel()]


def f8_bits(t):
    """Expected Float32 bits of a float8 tensor; None where torch gives NaN (torch
    canonicalises NaN payloads, so only NaN-ness is compared)."""
    values = t.float().numpy()
    return [None if np.isnan(v) else b for v, b in zip(values, f32_bits(values))]


def main():
    os.makedirs(os.path.join(OUT, "sharded"), exist_ok=True)
    rng = np.random.default_rng(20250101)

    f16_np = np.array(F16_BITS, dtype=np.uint16).view(np.float16)
    bf16_bits = np.array(BF16_BITS, dtype=np.uint16)
    f32_np = np.concatenate([
        rng.standard_normal(12).astype(np.float32),
        np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, 3.4028235e38], dtype=np.float32),
    ]).reshape(19)
    f64_np = np.array([[0.1, -1e300, 1e-320], [np.pi, -0.0, 2.0**-149]], dtype=np.float64)
    i64_np = np.array([[0, -1, 2**40], [-(2**62), 7, 2**63 - 1]], dtype=np.int64)
    i32_np = np.array([0, -1, 2**31 - 1, -(2**31), 123456, 16777217], dtype=np.int32)
    u8_np = np.arange(0, 256, 17, dtype=np.uint8).reshape(2, 8)
    i16_np = np.array([-32768, -1, 0, 32767], dtype=np.int16)
    i8_np = np.array([-128, -1, 0, 127], dtype=np.int8)
    bool_np = np.array([[True, False], [False, True]])
    all_bytes = torch.arange(256, dtype=torch.int32).to(torch.uint8)
    c64_np = np.array([1 + 2j, -0.5 - 0.25j], dtype=np.complex64)
    scalar_np = np.array(3.5, dtype=np.float32)
    empty_np = np.zeros((0, 3), dtype=np.float32)

    tensors = {
        "f32": torch.from_numpy(f32_np.copy()),
        "f16": torch.from_numpy(f16_np.copy()),
        "bf16": torch.from_numpy(bf16_bits.view(np.int16).copy()).view(torch.bfloat16),
        "f64": torch.from_numpy(f64_np.copy()),
        "i64": torch.from_numpy(i64_np.copy()),
        "i32": torch.from_numpy(i32_np.copy()),
        "u8": torch.from_numpy(u8_np.copy()),
        "i16": torch.from_numpy(i16_np.copy()),
        "i8": torch.from_numpy(i8_np.copy()),
        "bool": torch.from_numpy(bool_np.copy()),
        "f8_e5m2": all_bytes.clone().view(torch.float8_e5m2),
        "f8_e4m3": all_bytes.clone().view(torch.float8_e4m3fn),
        "f8_e8m0": all_bytes.clone().view(torch.float8_e8m0fnu),
        "c64": torch.from_numpy(c64_np.copy()),
        "scalar": torch.from_numpy(scalar_np.copy()),
        "empty": torch.from_numpy(empty_np.copy()),
        "nested.name/with:odd chars": torch.arange(4, dtype=torch.float32),
    }
    metadata = {"format": "pt", "note": "fixture \u00e9 \"quoted\"", "empty": ""}
    save_file(tensors, os.path.join(OUT, "dtypes.safetensors"), metadata=metadata)

    expected = {
        "f32": ("F32", f32_np, f32_bits(f32_np), f32_bits(f32_np)),
        "f16": ("F16", f16_np, F16_BITS, f32_bits(f16_np.astype(np.float32))),
        "bf16": ("BF16", bf16_bits, BF16_BITS, [b << 16 for b in BF16_BITS]),
        "f64": ("F64", f64_np, [int(x) for x in f64_np.view(np.uint64).ravel()], f32_bits(f64_np.astype(np.float32))),
        "i64": ("I64", i64_np, [int(x) for x in i64_np.ravel()], f32_bits(i64_np.astype(np.float32))),
        "i32": ("I32", i32_np, [int(x) for x in i32_np.ravel()], f32_bits(i32_np.astype(np.float32))),
        "u8": ("U8", u8_np, [int(x) for x in u8_np.ravel()], f32_bits(u8_np.astype(np.float32))),
        "i16": ("I16", i16_np, [int(x) for x in i16_np.ravel()], f32_bits(i16_np.astype(np.float32))),
        "i8": ("I8", i8_np, [int(x) for x in i8_np.ravel()], f32_bits(i8_np.astype(np.float32))),
        "bool": ("BOOL", bool_np, [int(x) for x in bool_np.ravel()], f32_bits(bool_np.astype(np.float32))),
        "f8_e5m2": ("F8_E5M2", np.zeros(256), list(range(256)), f8_bits(all_bytes.view(torch.float8_e5m2))),
        "f8_e4m3": ("F8_E4M3", np.zeros(256), list(range(256)), f8_bits(all_bytes.view(torch.float8_e4m3fn))),
        "f8_e8m0": ("F8_E8M0", np.zeros(256), list(range(256)), f8_bits(all_bytes.view(torch.float8_e8m0fnu))),
        "c64": ("C64", c64_np, f32_bits(c64_np.view(np.float32)), None),
        "scalar": ("F32", scalar_np, f32_bits(scalar_np), f32_bits(scalar_np)),
        "empty": ("F32", empty_np, [], []),
        "nested.name/with:odd chars": ("F32", np.arange(4, dtype=np.float32), f32_bits(np.arange(4)), f32_bits(np.arange(4))),
    }
    sidecar = {
        "metadata": metadata,
        "tensors": {
            name: {"dtype": dtype, "shape": list(array.shape), "raw": raw, "f32_bits": bits}
            for name, (dtype, array, raw, bits) in expected.items()
        },
    }
    with open(os.path.join(OUT, "dtypes.json"), "w") as f:
        json.dump(sidecar, f, sort_keys=True)

    # Byte-exact writer reference (one metadata key, so key order cannot differ).
    from safetensors.numpy import save_file as np_save_file
    np_save_file(
        {
            "weight": (np.arange(6, dtype=np.float32) * 0.5 - 1).reshape(2, 3),
            "half": np.array([0.0, 1.0, -2.5, 65504.0, 1e-7, np.inf], dtype=np.float32).astype(np.float16),
            "ids": np.array([0, 5, 2**40, -7], dtype=np.int64),
            "indptr": np.array([0, 2, 4], dtype=np.int32),
            "mask": np.array([[0, 1], [255, 7]], dtype=np.uint8),
            "scalar": np.array(2.5, dtype=np.float32),
            "empty": np.zeros((0, 4), dtype=np.float32),
        },
        os.path.join(OUT, "numpy_written.safetensors"),
        metadata={"format": "np"},
    )

    # Sharded checkpoint: two shards and a transformers-style index.
    shard_tensors = [
        {"encoder.weight": torch.arange(6, dtype=torch.float32).reshape(2, 3),
         "encoder.bias": torch.tensor([0.5, -0.5], dtype=torch.float32)},
        {"decoder.weight": torch.arange(4, dtype=torch.float16).reshape(2, 2),
         "decoder.ids": torch.tensor([3, 1, 4], dtype=torch.int64)},
    ]
    weight_map = {}
    total = 0
    for i, part in enumerate(shard_tensors, start=1):
        shard = f"model-{i:05d}-of-{len(shard_tensors):05d}.safetensors"
        save_file(part, os.path.join(OUT, "sharded", shard), metadata={"format": "pt"})
        for name, t in part.items():
            weight_map[name] = shard
            total += t.numel() * t.element_size()
    with open(os.path.join(OUT, "sharded", "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}, f, indent=2)


if __name__ == "__main__":
    main()
