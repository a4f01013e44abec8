#!/usr/bin/env python3
"""Writes Tests/Fixtures/segments/* for Tests/ReMEImageTests (Felzenszwalb, mask pooling,
masked crops, COCO RLE).

Made with: Python 3.11, numpy 2.4.6, scipy 1.17.1, scikit-image 0.26.0, torch 2.15.0 (CPU),
pycocotools 2.0.11, pillow 13.0.0. Run: .venv/bin/python scripts/make_segments_fixtures.py

Files (all little-endian, row-major):
  felz_<name>.rgb                 uint8 H×W×3 crop of a photo
  felz_<name>_<preset>.u16        uint16 skimage.segmentation.felzenszwalb labels (as returned)
  felz_meta.json                  sizes and parameters
  pool_labels.i32 / pool_weights.f32   label map 23×17 and torch bilinear weights [K, 5·4]
  crop_image.rgb / crop_labels.i32 / crop_expected.f32   masked crops via torch bicubic antialias
  rle.json                        pycocotools-encoded masks and their row-major bits
"""
import json
import os

import numpy as np
import skimage
import torch
import torch.nn.functional as F
from PIL import Image
from pycocotools import mask as mask_utils
from skimage.segmentation import felzenszwalb

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "segments")
PRESETS = {"voc": (100, 0.7, 20), "context": (100, 1.0, 20), "stuff": (100, 1.0, 100), "cityscapes": (20, 0.5, 50)}
os.makedirs(OUT, exist_ok=True)


def felzenszwalb_fixtures():
    data = os.path.join(os.path.dirname(skimage.__file__), "data")
    crops = {
        "astronaut": (os.path.join(data, "astronaut.png"), 180, 40, 64, 48),
        "voc": ("/usr/share/doc/labelme-examples/examples/bbox_detection/data_annotated/2011_000006.jpg",
                200, 150, 72, 54),
        "gray": (os.path.join(data, "camera.png"), 200, 100, 40, 30),
    }
    meta = {"crops": {}, "presets": {k: list(v) for k, v in PRESETS.items()}}
    for name, (path, x, y, w, h) in crops.items():
        rgb = np.asarray(Image.open(path).convert("RGB"))[y:y + h, x:x + w]
        rgb = np.ascontiguousarray(rgb)
        rgb.tofile(os.path.join(OUT, f"felz_{name}.rgb"))
        meta["crops"][name] = {"width": w, "height": h}
        for preset, (scale, sigma, min_size) in PRESETS.items():
            labels = felzenszwalb(rgb, scale=scale, sigma=sigma, min_size=min_size)
            labels.astype("<u2").tofile(os.path.join(OUT, f"felz_{name}_{preset}.u16"))
    with open(os.path.join(OUT, "felz_meta.json"), "w") as f:
        json.dump(meta, f, indent=1)


def pooling_fixture():
    rng = np.random.default_rng(0)
    h, w, gh, gw = 17, 23, 4, 5
    labels = np.zeros((h, w), dtype=np.int32)
    labels[:, 9:] = 1
    labels[10:, :] = 2
    labels[3:5, 15:17] = 3          # small: may vanish under bilinear sampling
    labels[0, 0] = 4                # single pixel
    labels.astype("<i4").tofile(os.path.join(OUT, "pool_labels.i32"))
    k = labels.max() + 1
    masks = torch.from_numpy(np.stack([(labels == i) for i in range(k)]).astype(np.float32))[:, None]
    weights = F.interpolate(masks, size=(gh, gw), mode="bilinear", align_corners=False)[:, 0]
    weights.reshape(k, gh * gw).numpy().astype("<f4").tofile(os.path.join(OUT, "pool_weights.f32"))
    area = F.adaptive_avg_pool2d(masks, (gh, gw))[:, 0]
    area.reshape(k, gh * gw).numpy().astype("<f4").tofile(os.path.join(OUT, "pool_area.f32"))


def crop_fixture():
    rng = np.random.default_rng(1)
    h, w, size = 20, 30, 16
    image = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
    labels = np.zeros((h, w), dtype=np.int32)
    labels[4:15, 6:25] = 1          # wide box: padded to a square
    labels[7:9, 10:12] = 0
    image.tofile(os.path.join(OUT, "crop_image.rgb"))
    labels.astype("<i4").tofile(os.path.join(OUT, "crop_labels.i32"))
    mean = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
    std = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
    norm = (image.astype(np.float32) / 255 - mean) / std
    outs = []
    for k in range(labels.max() + 1):
        ys, xs = np.nonzero(labels == k)
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        side = max(y1 - y0, x1 - x0)
        fy0 = y0 - (side - (y1 - y0)) // 2
        fx0 = x0 - (side - (x1 - x0)) // 2
        crop = np.zeros((side, side, 3), dtype=np.float32)
        for yy in range(side):
            for xx in range(side):
                sy, sx = fy0 + yy, fx0 + xx
                if 0 <= sy < h and 0 <= sx < w and labels[sy, sx] == k:
                    crop[yy, xx] = norm[sy, sx]
        t = torch.from_numpy(crop).permute(2, 0, 1)[None]
        outs.append(F.interpolate(t, size=(size, size), mode="bicubic", align_corners=False, antialias=True)[0])
    torch.stack(outs).numpy().astype("<f4").tofile(os.path.join(OUT, "crop_expected.f32"))


def rle_fixture():
    rng = np.random.default_rng(2)
    h, w = 13, 11
    cases = []
    for i in range(3):
        m = np.zeros((h, w), dtype=np.uint8)
        if i == 0:
            m[2:9, 3:7] = 1
        elif i == 1:
            m = (rng.random((h, w)) < 0.4).astype(np.uint8)
        else:
            m[:, :] = 1
            m[5, 5] = 0
        rle = mask_utils.encode(np.asfortranarray(m))
        cases.append({"counts": rle["counts"].decode(), "size": [h, w], "bits": m.ravel().tolist()})
    # A large mask exercises multi-character and negative deltas.
    big = np.zeros((300, 400), dtype=np.uint8)
    big[20:250, 30:390] = 1
    big[100:101, :] = 0
    rle = mask_utils.encode(np.asfortranarray(big))
    cases.append({"counts": rle["counts"].decode(), "size": [300, 400], "area": int(big.sum()),
                  "bbox": [30, 20, 360, 230]})
    with open(os.path.join(OUT, "rle.json"), "w") as f:
        json.dump(cases, f)


if __name__ == "__main__":
    felzenszwalb_fixtures()
    pooling_fixture()
    crop_fixture()
    rle_fixture()
