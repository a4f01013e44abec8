import CFreeType

/// One font file opened by FreeType at one pixel size, with its own FreeType library instance.
/// Not thread-safe: `FontStack` serialises every call.
final class FreeTypeFace {
    let path: String
    let ascent: Int
    let descent: Int
    private let library: FT_Library
    private let face: FT_Face

    init(path: String, pixelSize: Int) throws(FontError) {
        var library: FT_Library?
        let started = FT_Init_FreeType(&library)
        guard started == 0, let library else { throw .freeTypeUnavailable(freeTypeError: started) }
        var face: FT_Face?
        // Collections (.ttc) hold several faces; the first is the regular one in Debian's CJK fonts.
        let opened = reme_ft_open(library, path, 0, FT_UInt(pixelSize), &face)
        guard opened == 0, let face else {
            FT_Done_FreeType(library)
            throw .unreadableFont(path: path, freeTypeError: opened)
        }
        let metrics = reme_ft_line_metrics(face)
        self.path = path
        self.library = library
        self.face = face
        self.ascent = Int(metrics.ascender)
        self.descent = Int(metrics.descender)
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// The face's glyph index for `scalar`; 0 when the font lacks it.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        FT_Get_Char_Index(face, FT_ULong(scalar.value))
    }

    /// Glyph `index` rendered with 8-bit anti-aliasing; nil when FreeType fails on it.
    func render(glyphIndex index: UInt32) -> Glyph? {
        var rendered = reme_ft_glyph()
        guard reme_ft_render(face, index, &rendered) == 0, rendered.gray != 0 else { return nil }
        let width = Int(rendered.width), height = Int(rendered.rows), pitch = Int(rendered.pitch)
        var coverage = [UInt8](repeating: 0, count: width * height)
        if let buffer = rendered.buffer, width > 0, height > 0 {
            // A negative pitch means the rows are stored bottom-up from `buffer`.
            let firstRow = pitch >= 0 ? 0 : (height - 1) * -pitch
            for row in 0..<height {
                let source = buffer + firstRow + row * pitch
                for column in 0..<width { coverage[row * width + column] = source[column] }
            }
        }
        let advance = (Int(rendered.advance) + 32) >> 6
        return Glyph(width: width, height: height, left: Int(rendered.left), top: Int(rendered.top), advance: advance, coverage: coverage)
    }
}
