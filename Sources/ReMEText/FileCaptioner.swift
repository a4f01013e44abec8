import Foundation

/// Captions from a caption file (the paper's "GT captions" ablation), looked up by the image's
/// file name: first as written in the file, then by its last path component.
public struct FileCaptioner: Captioner {
    private let byName: [String: String]
    private let byBaseName: [String: String]
    public let path: String

    public init(path: String) throws(CaptionError) {
        self.path = path
        var byName: [String: String] = [:]
        var byBaseName: [String: String] = [:]
        for record in try CaptionFile.load(path: path) {
            byName[record.image] = record.caption
            byBaseName[(record.image as NSString).lastPathComponent] = record.caption
        }
        self.byName = byName
        self.byBaseName = byBaseName
    }

    public var count: Int { byName.count }

    public func caption(imageAt url: URL) async throws(CaptionError) -> String {
        if let text = byName[url.path] ?? byBaseName[url.lastPathComponent] { return text }
        throw .malformedFile(path: path, line: nil, reason: "no caption for image \(url.lastPathComponent)")
    }
}
