/// A dataset folder that does not look like any layout `reme eval` reads.
public enum DatasetError: Error, CustomStringConvertible, Sendable {
    case layoutNotFound(benchmark: String, root: String, expected: [String])
    case missingLabel(image: String, expected: String)
    case emptySplit(path: String)
    case classNames(path: String, reason: String)
    case classNamesNeeded(benchmark: String, path: String)
    case unreadableLabel(path: String, reason: String)

    public var description: String {
        switch self {
        case let .layoutNotFound(benchmark, root, expected):
            return "\(root) is not a \(benchmark) folder: expected " + expected.joined(separator: ", or ")
        case let .missingLabel(image, expected):
            return "no label map for \(image) (expected \(expected))"
        case let .emptySplit(path):
            return "\(path) lists no images"
        case let .classNames(path, reason):
            return "class names \(path): \(reason)"
        case let .classNamesNeeded(benchmark, path):
            return "\(benchmark) needs its class names (one per line, in id order) and \(path) cannot be read"
        case let .unreadableLabel(path, reason):
            return "label map \(path): \(reason)"
        }
    }
}
