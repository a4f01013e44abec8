import Foundation

/// Which font files draw overlay text, in fallback order (docs/images.md, "Fonts").
///
/// Explicit files (the `files` parameter, else `REME_FONT` with paths separated by ':') replace
/// the search list and must all exist. Otherwise every existing file of `searchList` is used, in
/// its order: DejaVu Sans for Latin, Greek and Cyrillic, then CJK fonts from Debian packages.
public enum FontDiscovery {
    /// Environment variable naming font files, separated by ':'.
    public static let environmentVariable = "REME_FONT"
    /// Debian packages named when no font is found.
    public static let latinPackage = "fonts-dejavu-core"
    public static let cjkPackage = "fonts-wqy-microhei"

    /// Debian paths tried when no file is named, with the package that installs each.
    public static let searchList: [(path: String, package: String)] = [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei"),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "fonts-wqy-zenhei"),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "fonts-droid-fallback"),
    ]

    /// The font files to load, first choice first.
    public static func fontFiles(_ files: [String]? = nil,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws(FontError) -> [String] {
        try fontFiles(files, environment: environment, searching: searchList.map(\.path))
    }

    /// `fontFiles(_:environment:)` over another search list (tests).
    static func fontFiles(_ files: [String]?, environment: [String: String], searching candidates: [String]) throws(FontError) -> [String] {
        let named = files ?? (environment[environmentVariable]?.split(separator: ":").map(String.init) ?? [])
        if !named.isEmpty {
            for path in named where !FileManager.default.fileExists(atPath: path) { throw .fileMissing(path: path) }
            return named
        }
        let found = candidates.filter { FileManager.default.fileExists(atPath: $0) }
        guard !found.isEmpty else { throw .noFontFound(searched: candidates) }
        return found
    }
}
