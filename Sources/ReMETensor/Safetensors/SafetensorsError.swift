/// Why a safetensors file (or a sharded index) could not be read, validated or written.
///
/// Every case names the file, and the tensor where one is involved, so the one-line
/// description is enough to find the problem.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible, Sendable {
    // Reading the file itself.
    case io(path: String, operation: String, reason: String)
    case fileTooShort(path: String, size: Int)
    case headerTooLarge(path: String, declared: UInt64, limit: Int)
    case headerPastEnd(path: String, declared: UInt64, available: Int)
    case invalidUTF8(path: String)
    case invalidJSON(path: String, offset: Int, reason: String)
    case headerNotObject(path: String)

    // One header entry.
    case duplicateName(path: String, tensor: String)
    case invalidEntry(path: String, tensor: String, reason: String)
    case missingField(path: String, tensor: String, field: String)
    case wrongFieldType(path: String, tensor: String, field: String, expected: String)
    case unknownDType(path: String, tensor: String, dtype: String)
    case invalidShape(path: String, tensor: String, shape: String, reason: String)
    case invalidOffsets(path: String, tensor: String, reason: String)
    case offsetsReversed(path: String, tensor: String, begin: Int, end: Int)
    case offsetsOutOfBounds(path: String, tensor: String, begin: Int, end: Int, dataSize: Int)
    case sizeMismatch(path: String, tensor: String, dtype: String, shape: [Int], expectedBytes: Int, actualBytes: Int)
    case invalidMetadata(path: String, key: String?, reason: String)

    // The data section as a whole.
    case overlap(path: String, tensor: String, other: String)
    case gap(path: String, tensor: String, start: Int, expected: Int)
    case trailingBytes(path: String, used: Int, dataSize: Int)

    // Access.
    case tensorNotFound(path: String, tensor: String)
    case unsupportedConversion(path: String, tensor: String, dtype: String, target: String)
    case valueOutOfRange(path: String, tensor: String, index: Int, target: String)

    // Sharded checkpoints.
    case invalidIndex(path: String, reason: String)

    // Writing.
    case invalidTensorName(path: String, tensor: String, reason: String)
    case invalidWriteShape(path: String, tensor: String, shape: [Int], count: Int)

    public var description: String {
        switch self {
        case let .io(path, operation, reason):
            return "\(path): cannot \(operation): \(reason)"
        case let .fileTooShort(path, size):
            return "\(path): not a safetensors file: \(size) bytes, need at least 8 for the header length"
        case let .headerTooLarge(path, declared, limit):
            return "\(path): header length \(declared) exceeds the limit of \(limit) bytes"
        case let .headerPastEnd(path, declared, available):
            return "\(path): header length \(declared) runs past the end of the file (\(available) bytes after the length field)"
        case let .invalidUTF8(path):
            return "\(path): header is not valid UTF-8"
        case let .invalidJSON(path, offset, reason):
            return "\(path): header is not valid JSON at byte \(offset) of the header: \(reason)"
        case let .headerNotObject(path):
            return "\(path): header JSON must be an object mapping tensor names to entries"
        case let .duplicateName(path, tensor):
            return "\(path): tensor '\(tensor)' appears more than once"
        case let .invalidEntry(path, tensor, reason):
            return "\(path): tensor '\(tensor)': \(reason)"
        case let .missingField(path, tensor, field):
            return "\(path): tensor '\(tensor)' has no '\(field)'"
        case let .wrongFieldType(path, tensor, field, expected):
            return "\(path): tensor '\(tensor)': '\(field)' must be \(expected)"
        case let .unknownDType(path, tensor, dtype):
            return "\(path): tensor '\(tensor)' has unknown dtype '\(dtype)'"
        case let .invalidShape(path, tensor, shape, reason):
            return "\(path): tensor '\(tensor)' has invalid shape \(shape): \(reason)"
        case let .invalidOffsets(path, tensor, reason):
            return "\(path): tensor '\(tensor)' has invalid data_offsets: \(reason)"
        case let .offsetsReversed(path, tensor, begin, end):
            return "\(path): tensor '\(tensor)' data_offsets [\(begin), \(end)] end before they begin"
        case let .offsetsOutOfBounds(path, tensor, begin, end, dataSize):
            return "\(path): tensor '\(tensor)' data_offsets [\(begin), \(end)] lie outside the data section of \(dataSize) bytes"
        case let .sizeMismatch(path, tensor, dtype, shape, expected, actual):
            return "\(path): tensor '\(tensor)' (\(dtype) \(shape)) needs \(expected) bytes but data_offsets span \(actual)"
        case let .invalidMetadata(path, key, reason):
            if let key { return "\(path): __metadata__ entry '\(key)': \(reason)" }
            return "\(path): __metadata__: \(reason)"
        case let .overlap(path, tensor, other):
            return "\(path): tensor '\(tensor)' overlaps tensor '\(other)' in the data section"
        case let .gap(path, tensor, start, expected):
            return "\(path): tensor '\(tensor)' starts at byte \(start) of the data section, leaving unused bytes from \(expected) "
                + "(tensors must cover the data section without holes)"
        case let .trailingBytes(path, used, dataSize):
            return "\(path): tensors cover \(used) bytes but the data section has \(dataSize) (trailing bytes)"
        case let .tensorNotFound(path, tensor):
            return "\(path): no tensor named '\(tensor)'"
        case let .unsupportedConversion(path, tensor, dtype, target):
            return "\(path): tensor '\(tensor)' has dtype \(dtype), which cannot be read as \(target)"
        case let .valueOutOfRange(path, tensor, index, target):
            return "\(path): tensor '\(tensor)' element \(index) does not fit in \(target)"
        case let .invalidIndex(path, reason):
            return "\(path): invalid sharded-checkpoint index: \(reason)"
        case let .invalidTensorName(path, tensor, reason):
            return "\(path): cannot write tensor '\(tensor)': \(reason)"
        case let .invalidWriteShape(path, tensor, shape, count):
            return "\(path): cannot write tensor '\(tensor)': shape \(shape) does not hold \(count) elements"
        }
    }
}
