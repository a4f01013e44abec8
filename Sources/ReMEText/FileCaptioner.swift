import Foundation

/// Captions from a caption file (the paper's "GT captions" ablation), looked up by the image's
/// path: the longest trailing part of it that the file names (`/data/val/sub/b.jpg` matches
/// `sub/b.jpg` before `b.jpg`).
public struct FileCaptioner: Captioner {
    private let byName: [String: String]
    public let path: String

    public init(path: String) throws(CaptionError) {
        self.path = path
        var byName: [String: String] = [:]
        for record in try CaptionFile.load(path: path) {
            var name = record.image
            while name.hasPrefix("./") { name.removeFirst(2) }
            byName[name] = record.caption
        }
        self.byName = byName
    }

    public var count: Int { byName.count }

    public func caption(imageAt url: URL) async throws(CaptionError) -> String {
        if let text = byName[url.path] { return text }
        let components = url.standardizedFileURL.pathComponents.filter { $0 != "/" }
        for start in components.indices {
            if let text = byName[components[start...].joined(separator: "/")] { return text }
        }
        throw .malformedFile(path: path, line: nil, reason: "no caption for image \(url.lastPathComponent)")
    }
}
