#!/usr/bin/env python3
"""Generates Tests/Fixtures/images/: small JPEG/PNG files of every flavour the Swift decoders
must handle, the pixels PIL decodes from them, and PIL / PyTorch resize references.

Made with: Python 3.11, Pillow 13.0.0 (bundled libjpeg-turbo 3.x, zlib 1.2.13),
numpy 2.4.6, torch 2.15.0, transformers 5.24, scikit-image 0.26 (source photo: skimage.data.astronaut()).
Run: .venv/bin/python scripts/make_image_fixtures.py

Raw outputs: *.u8 = uint8 HWC, *.u16 = little-endian uint16 HWC, *.f32 = little-endian
float32 HWC (*.chw.f32: CHW); the size is in the name (WxH[xC]).
"""
import io
import struct
import zlib
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageOps
from skimage import data

OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "images"
W, H = 37, 23


def raw(name, array):
    array = np.ascontiguousarray(array)
    if array.dtype == np.uint16 or array.dtype == np.float32:
        array = array.astype(array.dtype.newbyteorder("<"))
    (OUT / name).write_bytes(array.tobytes())


def png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png(path, rows_fn, width, height, bit_depth, color_type, interlace=False, extra=b""):
    """Minimal PNG writer for layouts PIL cannot save (2/4-bit gray, 16-bit RGB, Adam7).
    rows_fn(x0, dx, y0, dy) returns the packed scanlines of that (sub)image."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    passes = [(0, 8, 0, 8), (4, 8, 0, 8), (0, 4, 4, 8), (2, 4, 0, 4), (0, 2, 2, 4), (1, 2, 0, 2), (0, 1, 1, 2)]
    stream = b""
    for x0, dx, y0, dy in (passes if interlace else [(0, 1, 0, 1)]):
        for row in rows_fn(x0, dx, y0, dy):
            stream += b"\x00" + row
    png = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra
    png += png_chunk(b"IDAT", zlib.compress(stream, 9)) + png_chunk(b"IEND", b"")
    Path(path).write_bytes(png)


def pack_rows(samples, bit_depth, x0, dx, y0, dy):
    """samples: HxWxC integer array; returns packed big-endian rows of the subimage."""
    sub = samples[y0::dy, x0::dx]
    rows = []
    for row in sub:
        flat = row.reshape(-1)
        if bit_depth == 16:
            rows.append(flat.astype(">u2").tobytes())
        elif bit_depth == 8:
            rows.append(flat.astype(np.uint8).tobytes())
        else:
            per = 8 // bit_depth
            padded = np.zeros(((len(flat) + per - 1) // per) * per, dtype=np.uint8)
            padded[: len(flat)] = flat
            out = np.zeros(len(padded) // per, dtype=np.uint8)
            for k in range(per):
                out |= (padded[k::per] << (8 - bit_depth * (k + 1))).astype(np.uint8)
            rows.append(out.tobytes())
    return [r for r in rows if len(sub[0]) > 0]


def pil_pixels(path, mode="RGB"):
    return np.asarray(Image.open(path).convert(mode))


def make_decode_fixtures(photo):
    rgb = Image.fromarray(photo)
    rgb.save(OUT / "rgb.png")
    raw(f"rgb.{W}x{H}x3.u8", photo)

    rgba = np.dstack([photo, (np.arange(W * H).reshape(H, W) * 7 % 256).astype(np.uint8)])
    Image.fromarray(rgba).save(OUT / "rgba.png")
    raw(f"rgba.{W}x{H}x4.u8", rgba)

    gray = rgb.convert("L")
    gray.save(OUT / "gray.png")
    raw(f"gray.{W}x{H}x1.u8", np.asarray(gray))
    raw(f"gray_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "gray.png"))
    raw(f"rgb_as_gray.{W}x{H}x1.u8", pil_pixels(OUT / "rgb.png", "L"))

    la = Image.merge("LA", [gray, Image.fromarray(rgba[:, :, 3])])
    la.save(OUT / "gray_alpha.png")
    raw(f"gray_alpha.{W}x{H}x2.u8", np.asarray(la))
    raw(f"gray_alpha_as_rgba.{W}x{H}x4.u8", pil_pixels(OUT / "gray_alpha.png", "RGBA"))

    # 8-bit palette with tRNS (entries 0..9 get partial transparency).
    pal = rgb.quantize(colors=40, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pal.save(OUT / "palette.png", transparency=bytes(range(0, 250, 25)))
    raw(f"palette_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "palette.png"))
    raw(f"palette_as_rgba.{W}x{H}x4.u8", pil_pixels(OUT / "palette.png", "RGBA"))
    raw(f"palette_indices.{W}x{H}x1.u8", np.asarray(Image.open(OUT / "palette.png")))

    pal4 = rgb.quantize(colors=12, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    pal4.save(OUT / "palette4bit.png", bits=4)
    raw(f"palette4bit_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "palette4bit.png"))
    raw(f"palette4bit_indices.{W}x{H}x1.u8", np.asarray(Image.open(OUT / "palette4bit.png")))

    bilevel = gray.point(lambda v: 255 if v > 110 else 0).convert("1", dither=Image.Dither.NONE)
    bilevel.save(OUT / "gray1bit.png")
    raw(f"gray1bit_as_gray.{W}x{H}x1.u8", pil_pixels(OUT / "gray1bit.png", "L"))

    for depth in (2, 4):
        levels = (np.asarray(gray).astype(np.int32) * ((1 << depth) - 1) // 255).astype(np.uint8)
        path = OUT / f"gray{depth}bit.png"
        write_png(path, lambda x0, dx, y0, dy, lv=levels, d=depth: pack_rows(lv[:, :, None], d, x0, dx, y0, dy),
                  W, H, depth, 0)
        raw(f"gray{depth}bit_as_gray.{W}x{H}x1.u8", pil_pixels(path, "L"))
        raw(f"gray{depth}bit_samples.{W}x{H}x1.u16", levels.astype(np.uint16))

    gray16 = (np.asarray(gray).astype(np.uint32) * 257 + np.arange(W * H).reshape(H, W) % 200).astype(np.uint16)
    Image.frombytes("I;16", (W, H), gray16.astype("<u2").tobytes()).save(OUT / "gray16.png")
    raw(f"gray16_samples.{W}x{H}x1.u16", np.asarray(Image.open(OUT / "gray16.png")).astype(np.uint16))

    rgb16 = photo.astype(np.uint16) * 257 + (np.arange(W * H * 3).reshape(H, W, 3) % 97).astype(np.uint16)
    write_png(OUT / "rgb16.png", lambda x0, dx, y0, dy: pack_rows(rgb16, 16, x0, dx, y0, dy), W, H, 16, 2)
    raw(f"rgb16_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "rgb16.png"))
    raw(f"rgb16_samples.{W}x{H}x3.u16", rgb16)

    write_png(OUT / "interlaced_rgb.png", lambda x0, dx, y0, dy: pack_rows(photo, 8, x0, dx, y0, dy),
              W, H, 8, 2, interlace=True)
    raw(f"interlaced_rgb_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "interlaced_rgb.png"))
    rgba16 = np.dstack([rgb16, (np.arange(W * H).reshape(H, W) * 301 % 65536).astype(np.uint16)])
    write_png(OUT / "interlaced_rgba16.png", lambda x0, dx, y0, dy: pack_rows(rgba16, 16, x0, dx, y0, dy),
              W, H, 16, 6, interlace=True)
    raw(f"interlaced_rgba16_as_rgba.{W}x{H}x4.u8", pil_pixels(OUT / "interlaced_rgba16.png", "RGBA"))

    # A VOC-style label map: indexed PNG whose indices are class ids (0..20 and 255).
    labels = (np.arange(W * H).reshape(H, W) // 40 % 21).astype(np.uint8)
    labels[5:8, :] = 255
    voc = Image.frombytes("P", (W, H), labels.tobytes())
    cmap = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        cmap += [r, g, b]
    voc.putpalette(cmap)
    voc.save(OUT / "voc_labels.png")
    raw(f"voc_labels_indices.{W}x{H}x1.u8", labels)
    raw(f"voc_labels_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / "voc_labels.png"))
    (OUT / "voc_palette.u8").write_bytes(bytes(cmap))

    # JPEGs: PIL's decode is the reference (both sides use libjpeg-turbo with default settings).
    rgb.save(OUT / "baseline.jpg", quality=90)
    rgb.save(OUT / "progressive.jpg", quality=85, progressive=True)
    rgb.save(OUT / "baseline444.jpg", quality=95, subsampling=0)
    gray.save(OUT / "gray.jpg", quality=90)
    rgb.convert("CMYK").save(OUT / "cmyk.jpg", quality=95)
    for name in ("baseline", "progressive", "baseline444", "gray", "cmyk"):
        raw(f"{name}_jpg_as_rgb.{W}x{H}x3.u8", pil_pixels(OUT / f"{name}.jpg"))
    raw(f"gray_jpg_as_gray.{W}x{H}x1.u8", pil_pixels(OUT / "gray.jpg", "L"))


def make_exif_fixtures(photo):
    # Asymmetric content so every flip / rotation is distinguishable; PIL's exif_transpose is the reference.
    small = Image.fromarray(photo[:, :, ::-1].copy()).resize((13, 7), Image.Resampling.NEAREST)
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        path = OUT / f"exif{orientation}.jpg"
        small.save(path, quality=95, exif=exif.tobytes())
        turned = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
        raw(f"exif{orientation}_as_rgb.{turned.width}x{turned.height}x3.u8", np.asarray(turned))
    raw(f"exif_stored.13x7x3.u8", pil_pixels(OUT / "exif1.jpg"))
    # A big-endian ("MM") EXIF block with orientation 6, spliced in by hand.
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
    app1 = b"Exif\x00\x00" + tiff
    plain = io.BytesIO()
    small.save(plain, format="JPEG", quality=95)
    body = plain.getvalue()
    (OUT / "exif6_motorola.jpg").write_bytes(body[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + body[2:])
    turned = ImageOps.exif_transpose(Image.open(OUT / "exif6_motorola.jpg")).convert("RGB")
    raw(f"exif6_motorola_as_rgb.{turned.width}x{turned.height}x3.u8", np.asarray(turned))


def make_broken_fixtures():
    jpeg = (OUT / "baseline.jpg").read_bytes()
    png = (OUT / "rgb.png").read_bytes()
    (OUT / "broken_truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (OUT / "broken_header_only.jpg").write_bytes(jpeg[:120])
    (OUT / "broken_truncated.png").write_bytes(png[: len(png) // 2])
    (OUT / "broken_signature_only.png").write_bytes(png[:8])
    crc = bytearray(png)
    crc[png.index(b"IDAT") + 20] ^= 0x55
    (OUT / "broken_crc.png").write_bytes(bytes(crc))
    sof = bytearray(jpeg)
    at = jpeg.index(b"\xff\xc0")
    sof[at + 5:at + 9] = b"\x00\x00\x00\x00"  # zero height and width
    (OUT / "broken_zero_size.jpg").write_bytes(bytes(sof))
    (OUT / "broken_empty.png").write_bytes(b"")
    (OUT / "broken_garbage.bin").write_bytes(np.random.default_rng(7).integers(0, 256, 300, dtype=np.uint8).tobytes())


RESIZE_SIZES = [(48, 30), (19, 11), (37, 12), (10, 23), (1, 1), (5, 1), (100, 7), (3, 50)]


def make_resize_fixtures(photo):
    src = Image.fromarray(photo)
    for w, h in RESIZE_SIZES:
        for name, flt in (("bilinear", Image.Resampling.BILINEAR), ("bicubic", Image.Resampling.BICUBIC)):
            raw(f"pil_u8_{name}_{w}x{h}x3.u8", np.asarray(src.resize((w, h), flt)))
            # PIL's float ("F") path, channel by channel.
            planes = [Image.fromarray(photo[:, :, c].astype(np.float32) / 255.0, "F").resize((w, h), flt)
                      for c in range(3)]
            raw(f"pil_f32_{name}_{w}x{h}x3.f32", np.stack([np.asarray(p) for p in planes], axis=-1))
    x = torch.from_numpy(photo.astype(np.float32) / 255.0).permute(2, 0, 1)[None]
    for w, h in RESIZE_SIZES:
        for mode in ("bilinear", "bicubic"):
            for aa in (False, True):
                y = F.interpolate(x, size=(h, w), mode=mode, align_corners=False, antialias=aa)
                tag = "_aa" if aa else ""
                raw(f"torch_{mode}{tag}_{w}x{h}x3.f32", y[0].permute(1, 2, 0).numpy())


EDGE_SOURCES = {"col": (17, 0, 1, H), "row": (0, 11, W, 1)}  # x, y, width, height of a 1-pixel strip
EDGE_SIZES = [(4, 10), (1, 50), (3, 1), (10, 4), (50, 1), (1, 3), (2, 2)]


def make_edge_resize_fixtures(photo):
    """1-pixel-wide / -high sources (border clamping with a single input pixel) and gray input."""
    for name, (x, y, w0, h0) in EDGE_SOURCES.items():
        strip = np.ascontiguousarray(photo[y:y + h0, x:x + w0])
        t = torch.from_numpy(strip.astype(np.float32) / 255.0).permute(2, 0, 1)[None]
        for w, h in EDGE_SIZES:
            for mode, flt in (("bilinear", Image.Resampling.BILINEAR), ("bicubic", Image.Resampling.BICUBIC)):
                raw(f"edge_{name}_pil_u8_{mode}_{w}x{h}x3.u8", np.asarray(Image.fromarray(strip).resize((w, h), flt)))
                for aa in (False, True):
                    out = F.interpolate(t, size=(h, w), mode=mode, align_corners=False, antialias=aa)
                    raw(f"edge_{name}_torch_{mode}{'_aa' if aa else ''}_{w}x{h}x3.f32", out[0].permute(1, 2, 0).numpy())
    gray = Image.fromarray(photo).convert("L")
    for w, h in ((19, 11), (64, 40), (100, 7)):
        for mode, flt in (("bilinear", Image.Resampling.BILINEAR), ("bicubic", Image.Resampling.BICUBIC)):
            raw(f"gray_pil_u8_{mode}_{w}x{h}x1.u8", np.asarray(gray.resize((w, h), flt)))


def make_preprocess_fixtures(photo):
    # transformers' CLIP processor without its resize (PIL backend: torchvision is not installed): centre crop
    # (larger and, with padding, smaller than the image) then fused rescale + normalise.
    from transformers import CLIPImageProcessor
    for cw, ch in ((20, 16), (41, 30)):
        processor = CLIPImageProcessor(do_resize=False, crop_size={"height": ch, "width": cw})
        values = processor(images=Image.fromarray(photo), return_tensors="pt")["pixel_values"][0]
        raw(f"clip_crop_normalize_{cw}x{ch}x3.chw.f32", values.numpy())
    # The whole CLIP pipeline: short side 16 (bicubic), centre crop 16×16, rescale + normalise.
    processor = CLIPImageProcessor(size={"shortest_edge": 16}, crop_size={"height": 16, "width": 16})
    values = processor(images=Image.fromarray(photo), return_tensors="pt")["pixel_values"][0]
    raw("clip_pipeline_16x16x3.chw.f32", values.numpy())


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    photo = np.ascontiguousarray(data.astronaut()[180:180 + H, 200:200 + W, :3])
    make_decode_fixtures(photo)
    make_exif_fixtures(photo)
    make_broken_fixtures()
    make_resize_fixtures(photo)
    make_edge_resize_fixtures(photo)
    make_preprocess_fixtures(photo)
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(list(OUT.iterdir()))} files, {total / 1024:.1f} kB in {OUT}")


if __name__ == "__main__":
    main()
