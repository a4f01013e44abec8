import Foundation

/// What drawing text needs from a font: line metrics and one glyph per Unicode scalar.
/// `FontStack` is the FreeType implementation; tests may plug in their own.
public protocol GlyphRasterizer: Sendable {
    /// Pixels from the top of a line to its baseline.
    var ascent: Int { get }
    /// Pixels from the baseline to the bottom of a line.
    var descent: Int { get }
    /// The glyph drawn for `scalar`. Never fails: a character no font has gets a stand-in
    /// (FreeType fonts: the first font's .notdef box).
    func glyph(for scalar: Unicode.Scalar) -> Glyph
}

extension GlyphRasterizer {
    /// Height of one line of text: `ascent + descent`.
    public var lineHeight: Int { ascent + descent }

    /// The scalars drawn for `text`: composed (NFC, so "é" typed as e + ◌́ uses the font's "é"),
    /// control characters (tabs, newlines) as spaces. Text runs left to right, without kerning.
    static func drawnScalars(_ text: String) -> [Unicode.Scalar] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }
    }

    /// Width of `text` in pixels (the sum of the advances).
    public func width(of text: String) -> Int {
        Self.drawnScalars(text).reduce(0) { $0 + glyph(for: $1).advance }
    }

    /// `text` shortened to at most `maxWidth` pixels, cut between characters and ending in "…" when cut.
    public func truncated(_ text: String, toWidth maxWidth: Int) -> String {
        guard width(of: text) > maxWidth else { return text }
        let ellipsis = "\u{2026}"
        var kept = ""
        var used = width(of: ellipsis)
        for character in text {
            let next = width(of: String(character))
            if used + next > maxWidth { break }
            kept.append(character)
            used += next
        }
        return used <= maxWidth ? kept + ellipsis : ""
    }

    /// Draws `text` with the top-left corner of its line box at `origin` (the baseline lies
    /// `ascent` rows lower), blending `color` by glyph coverage. Pixels outside the image are
    /// skipped. RGB(A) images get the colour (alpha left as is); gray (+alpha) images its luma.
    public func draw(text: String, into image: inout PixelImage, at origin: (x: Int, y: Int), color: RGBColor) {
        let baseline = origin.y + ascent
        var penX = origin.x
        for scalar in Self.drawnScalars(text) {
            let glyph = glyph(for: scalar)
            Self.blend(glyph, into: &image, x: penX + glyph.left, y: baseline - glyph.top, color: color)
            penX += glyph.advance
        }
    }

    /// Alpha-blends `glyph`'s coverage in `color` with its top-left corner at (`x`, `y`).
    static func blend(_ glyph: Glyph, into image: inout PixelImage, x: Int, y: Int, color: RGBColor) {
        guard let rows = clipped(y, glyph.height, to: image.height), let columns = clipped(x, glyph.width, to: image.width) else { return }
        let channels = image.channels, width = image.width
        let ink: [Int] = channels >= 3 ? [Int(color.red), Int(color.green), Int(color.blue)] : [Int(color.luma)]
        glyph.coverage.withUnsafeBufferPointer { coverage in
            image.pixels.withUnsafeMutableBufferPointer { out in
                for row in rows {
                    let glyphRow = (row - y) * glyph.width - x
                    for column in columns {
                        let alpha = Int(coverage[glyphRow + column])
                        if alpha == 0 { continue }
                        let pixel = (row * width + column) * channels
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

/// The part of `start ..< start + length` inside `0 ..< limit`, or nil when they do not overlap.
func clipped(_ start: Int, _ length: Int, to limit: Int) -> Range<Int>? {
    let lower = max(start, 0), upper = min(start + length, limit)
    return lower < upper ? lower..<upper : nil
}
