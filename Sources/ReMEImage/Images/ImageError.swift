/// Why an image could not be read, written or transformed. `source` names the file
/// (or "<memory>" for in-memory data) so command-line messages say which input failed.
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(source: String, reason: String)
    /// The data is empty.
    case empty(source: String)
    /// The first bytes are neither a JPEG nor a PNG signature.
    case unknownFormat(source: String, leadingBytes: String)
    /// The data ends before the image is complete.
    case truncated(source: String, format: String, detail: String)
    /// The decoder rejected the data.
    case corrupt(source: String, format: String, detail: String)
    /// Valid data in a layout this library does not handle (e.g. an RGB PNG read as a label map).
    case unsupported(source: String, detail: String)
    /// Width × height exceeds the configured limit.
    case tooLarge(source: String, width: Int, height: Int, limit: Int)
    /// An argument (size, palette, channel count) is out of range.
    case invalidArgument(String)
    /// Encoding or writing the output file failed.
    case writeFailed(destination: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(source, reason):
            return "cannot read image '\(source)': \(reason)"
        case let .empty(source):
            return "image '\(source)' is empty (0 bytes)"
        case let .unknownFormat(source, leadingBytes):
            return "'\(source)' is not a JPEG or PNG image (starts with \(leadingBytes))"
        case let .truncated(source, format, detail):
            return "\(format) image '\(source)' is truncated: \(detail)"
        case let .corrupt(source, format, detail):
            return "\(format) image '\(source)' is corrupt: \(detail)"
        case let .unsupported(source, detail):
            return "image '\(source)' is not supported: \(detail)"
        case let .tooLarge(source, width, height, limit):
            return "image '\(source)' is \(width)×\(height) pixels, more than the limit of \(limit) pixels"
        case let .invalidArgument(detail):
            return "invalid image argument: \(detail)"
        case let .writeFailed(destination, reason):
            return "cannot write image '\(destination)': \(reason)"
        }
    }
}
