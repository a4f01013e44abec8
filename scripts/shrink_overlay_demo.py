#!/usr/bin/env python3
"""Reduce a rendered class overlay to a 256-colour PNG small enough to commit as docs/images/overlay-demo.png.

Made with: Python 3.11, Pillow 13.0.0.

The photo part gets a median-cut palette; the VOC colours of classes 0-20 and the legend's own
colours (panel, text, swatch border, boundary white; see LegendRenderer.swift) are kept exact so
the swatches show the true class colours.

Usage:
  REME_OVERLAY_DEMO=/tmp/overlay.png swift test --filter ClassOverlayTests/renderDemo
  .venv/bin/python scripts/shrink_overlay_demo.py /tmp/overlay.png docs/images/overlay-demo.png
"""
import sys

from PIL import Image


def voc_color(index):
    r = g = b = 0
    for bit in range(8):
        r |= ((index >> (3 * bit)) & 1) << (7 - bit)
        g |= ((index >> (3 * bit + 1)) & 1) << (7 - bit)
        b |= ((index >> (3 * bit + 2)) & 1) << (7 - bit)
    return r, g, b


LEGEND = [(248, 248, 248), (20, 20, 20), (85, 85, 85), (60, 60, 60), (255, 255, 255)]


def main(source, destination):
    image = Image.open(source).convert("RGB")
    exact = [voc_color(i) for i in range(21)] + LEGEND
    photo_colors = 256 - len(exact)
    base = image.quantize(photo_colors, method=Image.Quantize.MEDIANCUT).getpalette()[:3 * photo_colors]
    palette = Image.new("P", (1, 1))
    palette.putpalette(base + [c for rgb in exact for c in rgb])
    image.quantize(palette=palette, dither=Image.Dither.NONE).save(destination, optimize=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
