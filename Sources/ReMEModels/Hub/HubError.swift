import Foundation

/// Failures while talking to a Hugging Face hub or writing its cache.
public enum HubError: Error, CustomStringConvertible, Sendable {
    case invalidRepositoryID(String)
    case http(url: String, status: Int, hint: String)
    case transport(url: String, message: String)
    case malformedMetadata(url: String, reason: String)
    case noWeights(repository: String, files: [String])
    case sizeMismatch(file: String, expected: Int64, found: Int64)
    case checksumMismatch(file: String, expected: String, found: String)
    case cache(path: String, message: String)

    public var description: String {
        switch self {
        case .invalidRepositoryID(let id):
            return "'\(id)' is not a model id of the form ORG/NAME"
        case let .http(url, status, hint):
            return "\(url) answered HTTP \(status)\(hint.isEmpty ? "" : ": \(hint)")"
        case let .transport(url, message):
            return "could not download \(url): \(message)"
        case let .malformedMetadata(url, reason):
            return "unexpected answer from \(url): \(reason)"
        case let .noWeights(repo, files):
            return "\(repo) has no safetensors weights (files: \(files.prefix(12).joined(separator: ", ")))"
        case let .sizeMismatch(file, expected, found):
            return "\(file): downloaded \(found) bytes, the hub announced \(expected)"
        case let .checksumMismatch(file, expected, found):
            return "\(file): sha256 \(found) does not match the hub's \(expected)"
        case let .cache(path, message):
            return "cache \(path): \(message)"
        }
    }
}
