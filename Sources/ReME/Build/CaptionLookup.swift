import ReMEText

/// Finds an image's caption by its path relative to the images folder, or by its file name
/// when that is unique (COCO caption files name images by file name only).
public struct CaptionLookup: Sendable {
    private var byPath: [String: String] = [:]
    private var byName: [String: String?] = [:]

    public init(_ records: [CaptionRecord]) {
        for r in records {
            byPath[r.image] = r.caption
            let name = String(r.image.split(separator: "/").last ?? Substring(r.image))
            byName[name] = byName[name] == nil ? .some(r.caption) : .some(nil)
        }
    }

    public var count: Int { byPath.count }

    public func caption(for relativePath: String) -> String? {
        if let c = byPath[relativePath] { return c }
        let name = String(relativePath.split(separator: "/").last ?? Substring(relativePath))
        return byName[name] ?? nil
    }
}
