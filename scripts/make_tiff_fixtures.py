"""16-bit and 8-bit grayscale TIFF label maps as CAT-Seg's dataset scripts write them
(PIL `Image.fromarray(uint16).save("x.tif")`, uncompressed), plus a deflate-compressed one
that reme must refuse with a clear error.

Made with Pillow 13.0.0, numpy 2.4.6. Usage: python scripts/make_tiff_fixtures.py
"""
import json, pathlib
import numpy as np
from PIL import Image

out = pathlib.Path("Tests/Fixtures/datasets")
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)
a16 = rng.integers(0, 847, size=(13, 17)).astype(np.uint16)
a16[0, 0] = 65535
a16[5, 3] = 846
Image.fromarray(a16).save(out / "label16.tif")
a8 = rng.integers(0, 255, size=(5, 7)).astype(np.uint8)
Image.fromarray(a8).save(out / "label8.tif")
Image.fromarray(a16).save(out / "label16_deflate.tif", compression="tiff_adobe_deflate")
json.dump({"label16": a16.flatten().tolist(), "shape16": list(a16.shape),
           "label8": a8.flatten().tolist(), "shape8": list(a8.shape)}, open(out / "tiff_expected.json", "w"))
print("ok")
