import Foundation

/// Captions from a caption file (the paper's "GT captions" ablation), looked up by the image's
/// path: the longest trailing part of it that the file names (`/data/val/sub/b.jpg` matches
/// `sub/b.jpg` before `b.jpg`). Empty and whitespace-only captions are skipped, not copied.
public struct FileCaptioner: Captioner {
    private let byName: [String: String]
    public let path: String
    /// Images whose caption in the file is empty or whitespace only, in file order.
    public let emptyCaptions: [String]

    public init(path: String) throws(CaptionError) {
        self.path = path
        var byName: [String: String] = [:]
        var empty: [String] = []
        for record in try CaptionFile.load(path: path) {
            var name = record.image
            while name.hasPrefix("./") { name.removeFirst(2) }
            if record.caption.allSatisfy(\.isWhitespace) {
                empty.append(name)
            } else {
                byName[name] = record.caption
            }
        }
        self.byName = byName
        emptyCaptions = empty
    }

    public var count: Int { byName.count }

    public func caption(imageAt url: URL) async throws(CaptionError) -> String {
        if let text = byName[url.path] { return text }
        let components = url.standardizedFileURL.pathComponents.filter { $0 != "/" }
        for start in components.indices {
            if let text = byName[components[start...].joined(separator: "/")] { return text }
        }
        let name = url.lastPathComponent
        let reason = emptyCaptions.contains { $0 == name || $0.hasSuffix("/" + name) }
            ? "the caption for image \(name) is empty" : "no caption for image \(name)"
        throw .malformedFile(path: path, line: nil, reason: reason)
    }
}
