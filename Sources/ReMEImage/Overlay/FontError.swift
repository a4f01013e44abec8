/// Why the fonts for overlay text could not be loaded (docs/images.md, "Fonts").
public enum FontError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file of the search list exists.
    case noFontFound(searched: [String])
    /// A font file that was named explicitly (API parameter or `REME_FONT`) does not exist.
    case fileMissing(path: String)
    /// FreeType could not open the file as a font, or not at the requested size.
    case unreadableFont(path: String, freeTypeError: Int32)
    /// FreeType itself could not start.
    case freeTypeUnavailable(freeTypeError: Int32)
    /// Text size in pixels outside 1...1000.
    case invalidPixelSize(Int)

    public var description: String {
        switch self {
        case let .noFontFound(searched) where searched.isEmpty:
            return "no font file given for overlay text"
        case let .noFontFound(searched):
            return "no font file found for overlay text; searched \(searched.joined(separator: ", ")). "
                + "Install the Debian package \(FontDiscovery.latinPackage) (and \(FontDiscovery.cjkPackage) for Chinese, Japanese "
                + "and Korean), or name font files in \(FontDiscovery.environmentVariable) (paths separated by ':')"
        case let .fileMissing(path):
            return "font file \(path) does not exist"
        case let .unreadableFont(path, code):
            return "cannot load font file \(path) (FreeType error \(code)); expected a TrueType, OpenType or collection file"
        case let .freeTypeUnavailable(code):
            return "cannot initialise FreeType (error \(code))"
        case let .invalidPixelSize(size):
            return "text size \(size) px is not in 1...1000"
        }
    }
}
