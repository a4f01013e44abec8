/// One character's 8-bit coverage bitmap and where it sits relative to the pen on the baseline.
public struct Glyph: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Columns from the pen position to the bitmap's left edge.
    public var left: Int
    /// Rows from the baseline up to the bitmap's top row.
    public var top: Int
    /// Pixels the pen moves right after this glyph.
    public var advance: Int
    /// `width × height` coverage bytes (0 = none, 255 = full), rows top to bottom.
    public var coverage: [UInt8]

    public init(width: Int, height: Int, left: Int, top: Int, advance: Int, coverage: [UInt8]) {
        precondition(width >= 0 && height >= 0 && coverage.count == width * height, "glyph bitmap size mismatch")
        self.width = width
        self.height = height
        self.left = left
        self.top = top
        self.advance = advance
        self.coverage = coverage
    }

    /// A glyph that draws nothing and advances `advance` pixels.
    public static func blank(advance: Int) -> Glyph {
        Glyph(width: 0, height: 0, left: 0, top: 0, advance: advance, coverage: [])
    }
}
