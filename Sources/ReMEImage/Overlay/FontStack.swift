import Synchronization

/// Text drawn with FreeType from a list of font files at one pixel size (docs/images.md, "Fonts").
///
/// Each character is looked up in the files in order and drawn by the first that has it, so
/// DejaVu Sans draws Latin, Greek and Cyrillic and a CJK font after it draws 猫. A character no
/// file has is drawn as the first font's .notdef box. Line metrics (ascent, descent) are the
/// first font's. Each file is opened once per instance and each glyph rendered once, under a
/// lock: one instance may draw from several threads. `shared(files:pixelSize:)` keeps one
/// instance per file list and size for the whole process.
public final class FontStack: GlyphRasterizer {
    public let files: [String]
    public let pixelSize: Int
    public let ascent: Int
    public let descent: Int
    private let state: Mutex<State>

    private struct State {
        var faces: [FreeTypeFace]
        var glyphs: [Unicode.Scalar: Glyph] = [:]
    }

    /// Opens every file of `files` (e.g. `FontDiscovery.fontFiles()`) at `pixelSize` pixels per em.
    public init(files: [String], pixelSize: Int) throws(FontError) {
        guard (1...1000).contains(pixelSize) else { throw .invalidPixelSize(pixelSize) }
        guard !files.isEmpty else { throw .noFontFound(searched: []) }
        var faces: [FreeTypeFace] = []
        for path in files { faces.append(try FreeTypeFace(path: path, pixelSize: pixelSize)) }
        self.files = files
        self.pixelSize = pixelSize
        self.ascent = faces[0].ascent
        self.descent = faces[0].descent
        self.state = Mutex(State(faces: faces))
    }

    public func glyph(for scalar: Unicode.Scalar) -> Glyph {
        state.withLock { state in
            if let cached = state.glyphs[scalar] { return cached }
            let (source, index) = Self.lookup(scalar, in: state.faces)
            let glyph = state.faces[source ?? 0].render(glyphIndex: index) ?? .blank(advance: pixelSize / 2)
            state.glyphs[scalar] = glyph
            return glyph
        }
    }

    /// The file that draws `scalar`, or nil when none has it (it is drawn as .notdef).
    public func fontFile(for scalar: Unicode.Scalar) -> String? {
        state.withLock { state in
            let (source, _) = Self.lookup(scalar, in: state.faces)
            return source.map { files[$0] }
        }
    }

    /// The first face that has `scalar` and its glyph index there; (nil, 0) = .notdef of the first face.
    private static func lookup(_ scalar: Unicode.Scalar, in faces: [FreeTypeFace]) -> (face: Int?, glyph: UInt32) {
        for (position, face) in faces.enumerated() {
            let index = face.glyphIndex(for: scalar)
            if index != 0 { return (position, index) }
        }
        return (nil, 0)
    }

    private struct Key: Hashable { var files: [String]; var pixelSize: Int }
    private static let instances = Mutex<[Key: FontStack]>([:])

    /// One instance per file list and size for the whole process, opened on first use.
    public static func shared(files: [String], pixelSize: Int) throws(FontError) -> FontStack {
        let key = Key(files: files, pixelSize: pixelSize)
        if let existing = instances.withLock({ $0[key] }) { return existing }
        let made = try FontStack(files: files, pixelSize: pixelSize)
        return instances.withLock { instances in
            if let existing = instances[key] { return existing }
            instances[key] = made
            return made
        }
    }
}
