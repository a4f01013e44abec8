/// Failures of caption files, the caption cache and the captioning server.
public enum CaptionError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notUTF8(path: String)
    case malformedFile(path: String, line: Int?, reason: String)
    case cacheWrite(path: String, reason: String)
    case http(status: Int, body: String)
    case transport(String)
    case malformedResponse(String)
    case gaveUp(attempts: Int, last: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .notUTF8(let path): "\(path) is not UTF-8 text"
        case .malformedFile(let path, let line, let reason):
            "\(path)\(line.map { ":\($0)" } ?? ""): \(reason) (expected COCO captions JSON or JSON Lines {\"image\": ..., \"caption\": ...})"
        case .cacheWrite(let path, let reason): "cannot append to caption cache \(path): \(reason)"
        case .http(let status, let body): "server answered HTTP \(status): \(body.prefix(200))"
        case .transport(let reason): "connection failed: \(reason)"
        case .malformedResponse(let reason): "malformed chat-completions response: \(reason)"
        case .gaveUp(let attempts, let last): "gave up after \(attempts) attempts; last error: \(last)"
        }
    }
}
