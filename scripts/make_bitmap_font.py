#!/usr/bin/env python3
"""Rasterise DejaVu Sans Mono into the bitmap glyph atlases of Sources/ReMEImage/Overlay/BitmapFont+Glyphs.swift.

Dev-only: the generated Swift file is committed, so neither builds nor tests need Python or the font.

Made with: Python 3.11, Pillow 13.0.0 (FreeType 2.14.3), DejaVu Sans Mono 2.37
(Debian package fonts-dejavu-core 2.37-6: `apt-get install -y fonts-dejavu-core`).

Usage: .venv/bin/python scripts/make_bitmap_font.py [--preview /tmp/atlas.png]

Each atlas holds the 95 printable ASCII characters 0x20...0x7E in code order; each glyph is a
cellWidth × cellHeight block of 8-bit antialiased coverage (0 = no ink, 255 = full ink), rows
top to bottom. All glyphs share one baseline, `baseline` rows below the cell top. The bytes are
stored as one base64 string literal (decoded once at first use) because a large array literal
is slow for the Swift type checker.
"""
import argparse
import base64
import hashlib
import subprocess
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
OUTPUT = Path(__file__).resolve().parent.parent / "Sources/ReMEImage/Overlay/BitmapFont+Glyphs.swift"
FIRST, LAST = 0x20, 0x7E

# (Swift name, font pixel size, cell width). The cell height is the tallest ink extent over all
# glyphs, so no ascender or descender is clipped.
ATLASES = [("small", 13, 8), ("large", 19, 12)]

LICENCE = """\
DejaVu Sans Mono: Copyright (c) 2003 by Bitstream, Inc. All Rights Reserved. Bitstream Vera is a
trademark of Bitstream, Inc. DejaVu changes are in public domain. The glyph bitmaps below are
rasterised from that font under its licence (bitstream-vera), which permits embedding:

Permission is hereby granted, free of charge, to any person obtaining a copy of the fonts
accompanying this license ("Fonts") and associated documentation files (the "Font Software"), to
reproduce and distribute the Font Software, including without limitation the rights to use, copy,
merge, publish, distribute, and/or sell copies of the Font Software, and to permit persons to whom
the Font Software is furnished to do so, subject to the following conditions:

The above copyright and trademark notices and this permission notice shall be included in all
copies of one or more of the Font Software typefaces.

The Font Software may be modified, altered, or added to, and in particular the designs of glyphs
or characters in the Fonts may be modified and additional glyphs or characters may be added to the
Fonts, only if the fonts are renamed to names not containing either the words "Bitstream" or the
word "Vera".

This License becomes null and void to the extent applicable to Fonts or Font Software that has been
modified and is distributed under the "Bitstream Vera" names.

The Font Software may be sold as part of a larger software package but no copy of one or more of
the Font Software typefaces may be sold by itself.

THE FONT SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO ANY WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT OF COPYRIGHT, PATENT, TRADEMARK, OR OTHER RIGHT. IN NO EVENT SHALL BITSTREAM OR THE
GNOME FOUNDATION BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, INCLUDING ANY GENERAL,
SPECIAL, INDIRECT, INCIDENTAL, OR CONSEQUENTIAL DAMAGES, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF THE USE OR INABILITY TO USE THE FONT SOFTWARE OR FROM OTHER
DEALINGS IN THE FONT SOFTWARE.

Except as contained in this notice, the names of Gnome, the Gnome Foundation, and Bitstream Inc.,
shall not be used in advertising or otherwise to promote the sale, use or other dealings in this
Font Software without prior written authorization from the Gnome Foundation or Bitstream Inc.,
respectively. For further information, contact: fonts at gnome dot org."""


def rasterise(size, cell_width):
    """Returns (cell_height, baseline, coverage bytes, preview image)."""
    font = ImageFont.truetype(str(FONT), size)
    ascent, _ = font.getmetrics()
    chars = [chr(c) for c in range(FIRST, LAST + 1)]
    boxes = [font.getbbox(ch) for ch in chars]
    top = min(b[1] for b in boxes if b[3] > b[1])
    bottom = max(b[3] for b in boxes if b[3] > b[1])
    cell_height = bottom - top
    advance = font.getlength("M")
    # Centre the advance box in the cell; keep every glyph's ink inside it.
    x_offset = round((cell_width - advance) / 2)
    overflow = [ch for ch, b in zip(chars, boxes) if b[2] > b[0] and (b[0] + x_offset < 0 or b[2] + x_offset > cell_width)]
    if overflow:
        raise SystemExit(f"size {size}: glyphs {overflow!r} do not fit a {cell_width}-pixel cell")
    out = bytearray()
    sheet = Image.new("L", (cell_width * 16, cell_height * 6), 0)
    for index, ch in enumerate(chars):
        cell = Image.new("L", (cell_width, cell_height), 0)
        ImageDraw.Draw(cell).text((x_offset, -top), ch, fill=255, font=font)
        out += cell.tobytes()
        sheet.paste(cell, ((index % 16) * cell_width, (index // 16) * cell_height))
    return cell_height, ascent - top, bytes(out), sheet


def swift_string_lines(data, width=100):
    text = base64.b64encode(data).decode("ascii")
    return [text[i:i + width] for i in range(0, len(text), width)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", help="also write a PNG of all glyphs of both atlases here")
    args = parser.parse_args()

    font_sha = hashlib.sha256(FONT.read_bytes()).hexdigest()[:16]
    try:
        package = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "fonts-dejavu-core"],
                                 capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        package = "unknown"
    lines = ["// Generated by scripts/make_bitmap_font.py. Do not edit; rerun the script instead.",
             f"// Source: {FONT} (fonts-dejavu-core {package}, sha256 {font_sha}…),",
             f"// rasterised by Pillow {PIL.__version__} with FreeType {features.version('freetype2')}.",
             "// Glyphs 0x20...0x7E in code order, cellWidth × cellHeight bytes of 8-bit coverage each.",
             "//"]
    lines += [f"// {line}".rstrip() for line in LICENCE.splitlines()]
    lines += ["", "extension BitmapFont {"]
    previews = []
    for name, size, cell_width in ATLASES:
        cell_height, baseline, data, sheet = rasterise(size, cell_width)
        previews.append(sheet)
        lines.append(f"    /// DejaVu Sans Mono at {size} px in {cell_width}×{cell_height} cells.")
        lines.append(f"    public static let {name} = BitmapFont(")
        lines.append(f"        cellWidth: {cell_width}, cellHeight: {cell_height}, baseline: {baseline},")
        lines.append('        base64Coverage: """')
        lines += [f"        {chunk}" for chunk in swift_string_lines(data)]
        lines.append('        """)')
        lines.append("")
        print(f"{name}: size {size}, cell {cell_width}x{cell_height}, baseline {baseline}, {len(data)} bytes")
    lines[-1] = "}"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")

    if args.preview:
        width = max(p.width for p in previews)
        combined = Image.new("L", (width, sum(p.height for p in previews) + 4 * len(previews)), 0)
        y = 0
        for p in previews:
            combined.paste(p, (0, y))
            y += p.height + 4
        combined.resize((combined.width * 3, combined.height * 3), Image.NEAREST).save(args.preview)
        print(f"wrote {args.preview}")


if __name__ == "__main__":
    main()
