import Foundation

/// A monospaced bitmap font covering printable ASCII (0x20...0x7E) with 8-bit antialiased coverage,
/// for annotating images without a font library. The glyphs (DejaVu Sans Mono) are generated into
/// BitmapFont+Glyphs.swift by scripts/make_bitmap_font.py; use `.small`, `.large` or `forImage`.
/// Any other character (non-ASCII, control) is drawn as '?'.
public struct BitmapFont: Sendable {
    /// Horizontal advance and glyph width in pixels; every character takes exactly this width.
    public let cellWidth: Int
    /// Height of one line of text in pixels (the tallest ink extent of all glyphs).
    public let cellHeight: Int
    /// Rows from the top of the cell to the baseline.
    public let baseline: Int
    /// 95 glyphs in code order, `cellWidth × cellHeight` coverage bytes each, rows top to bottom.
    private let coverage: [UInt8]

    static let firstCode: UInt8 = 0x20
    static let lastCode: UInt8 = 0x7E
    static let glyphCount = Int(lastCode - firstCode) + 1
    static let replacementCode: UInt8 = 0x3F  // "?"

    /// Decodes a generated atlas; a malformed one is a build-time bug, not bad input.
    init(cellWidth: Int, cellHeight: Int, baseline: Int, base64Coverage: String) {
        guard let data = Data(base64Encoded: base64Coverage, options: .ignoreUnknownCharacters) else {
            preconditionFailure("generated glyph atlas is not valid base64")
        }
        precondition(data.count == Self.glyphCount * cellWidth * cellHeight, "generated glyph atlas has the wrong size")
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.baseline = baseline
        self.coverage = [UInt8](data)
    }

    /// The small font for images whose longer side is under 600 pixels, the large one otherwise.
    public static func forImage(width: Int, height: Int) -> BitmapFont {
        max(width, height) < 600 ? .small : .large
    }

    /// The ASCII code drawn for `character`: itself when printable ASCII, else '?'.
    static func code(for character: Character) -> UInt8 {
        if let ascii = character.asciiValue, ascii >= firstCode, ascii <= lastCode { return ascii }
        return replacementCode
    }

    /// The coverage bitmap (`cellWidth × cellHeight` bytes, rows top to bottom) drawn for `character`.
    public func glyph(_ character: Character) -> ArraySlice<UInt8> {
        let size = cellWidth * cellHeight
        let start = Int(Self.code(for: character) - Self.firstCode) * size
        return coverage[start..<start + size]
    }

    /// Width of `text` in pixels (one cell per character).
    public func width(of text: String) -> Int { text.count * cellWidth }

    /// `text` shortened to at most `maxWidth` pixels, ending in "..." when cut.
    public func truncated(_ text: String, toWidth maxWidth: Int) -> String {
        let maxCharacters = max(maxWidth / cellWidth, 0)
        guard text.count > maxCharacters else { return text }
        guard maxCharacters > 3 else { return String(repeating: ".", count: maxCharacters) }
        return String(text.prefix(maxCharacters - 3)) + "..."
    }

    /// Draws `text` with its top-left cell corner at `origin`, blending `color` by glyph coverage.
    /// Pixels outside the image are skipped. RGB(A) images get the colour (alpha left as is);
    /// gray (+alpha) images get its luma.
    public func draw(text: String, into image: inout PixelImage, at origin: (x: Int, y: Int), color: RGBColor) {
        let channels = image.channels
        let ink: [Int] = channels >= 3 ? [Int(color.red), Int(color.green), Int(color.blue)] : [Int(color.luma)]
        let width = image.width, height = image.height
        guard let rows = clipped(origin.y, cellHeight, to: height) else { return }
        coverage.withUnsafeBufferPointer { atlas in
            image.pixels.withUnsafeMutableBufferPointer { out in
                var x0 = origin.x
                for character in text {
                    defer { x0 += cellWidth }
                    guard let columns = clipped(x0, cellWidth, to: width) else { continue }
                    let glyphStart = Int(Self.code(for: character) - Self.firstCode) * cellWidth * cellHeight
                    for y in rows {
                        let glyphRow = glyphStart + (y - origin.y) * cellWidth - x0
                        for x in columns {
                            let alpha = Int(atlas[glyphRow + x])
                            if alpha == 0 { continue }
                            let pixel = (y * width + x) * channels
                            for c in 0..<ink.count {
                                let old = Int(out[pixel + c])
                                out[pixel + c] = UInt8((old * (255 - alpha) + ink[c] * alpha + 127) / 255)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The part of `start ..< start + length` inside `0 ..< limit`, or nil when they do not overlap.
func clipped(_ start: Int, _ length: Int, to limit: Int) -> Range<Int>? {
    let lower = max(start, 0), upper = min(start + length, limit)
    return lower < upper ? lower..<upper : nil
}
