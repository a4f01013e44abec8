/// Where one tensor lives in a safetensors file and how to read it.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    public let name: String
    public let dtype: SafetensorsDType
    public let shape: [Int]
    /// Product of `shape` (1 for a 0-d scalar).
    public let elementCount: Int
    /// Byte range relative to the start of the data section (the header's `data_offsets`).
    public let dataOffsets: Range<Int>
    /// Byte range from the start of the file.
    public let fileRange: Range<Int>
}

/// The validated header of a safetensors file.
///
/// Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data
/// section. Validation follows the reference implementation: every tensor's byte range
/// must match dtype × shape, and the ranges, sorted, must tile the data section exactly
/// (no overlaps, no holes, no trailing bytes).
struct SafetensorsHeader {
    /// Same bound as the Python/Rust `safetensors` package (100 MB).
    static let maxHeaderLength = 100_000_000
    static let metadataKey = "__metadata__"

    let tensors: [String: SafetensorsTensorInfo]
    let metadata: [String: String]
    let dataStart: Int

    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(SafetensorsError) -> SafetensorsHeader {
        guard bytes.count >= 8 else { throw .fileTooShort(path: path, size: bytes.count) }
        let declared = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard declared <= UInt64(maxHeaderLength) else {
            throw .headerTooLarge(path: path, declared: declared, limit: maxHeaderLength)
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw .headerPastEnd(path: path, declared: declared, available: bytes.count - 8)
        }
        let dataStart = 8 + headerLength
        let dataSize = bytes.count - dataStart

        let root: JSONValue
        do {
            root = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart]))
        } catch {
            switch error.kind {
            case .invalidUTF8: throw .invalidUTF8(path: path)
            case .syntax: throw .invalidJSON(path: path, offset: error.offset, reason: error.reason)
            }
        }
        guard case let .object(members) = root else { throw .headerNotObject(path: path) }

        var tensors: [String: SafetensorsTensorInfo] = [:]
        var metadata: [String: String]?
        for (key, value) in members {
            if key == metadataKey {
                guard metadata == nil else {
                    throw .invalidMetadata(path: path, key: nil, reason: "appears more than once")
                }
                metadata = try parseMetadata(value, path: path)
                continue
            }
            guard tensors[key] == nil else { throw .duplicateName(path: path, tensor: key) }
            tensors[key] = try parseEntry(name: key, value, path: path, dataStart: dataStart, dataSize: dataSize)
        }
        try checkTiling(Array(tensors.values), dataSize: dataSize, path: path)
        return SafetensorsHeader(tensors: tensors, metadata: metadata ?? [:], dataStart: dataStart)
    }

    private static func parseMetadata(_ value: JSONValue, path: String) throws(SafetensorsError) -> [String: String] {
        if case .null = value { return [:] }
        guard case let .object(members) = value else {
            throw .invalidMetadata(path: path, key: nil, reason: "must be an object of strings, found \(value.typeName)")
        }
        var result: [String: String] = [:]
        for (key, entry) in members {
            guard case let .string(text) = entry else {
                throw .invalidMetadata(path: path, key: key, reason: "value must be a string, found \(entry.typeName)")
            }
            guard result[key] == nil else {
                throw .invalidMetadata(path: path, key: key, reason: "appears more than once")
            }
            result[key] = text
        }
        return result
    }

    private static func parseEntry(
        name: String, _ value: JSONValue, path: String, dataStart: Int, dataSize: Int
    ) throws(SafetensorsError) -> SafetensorsTensorInfo {
        guard case let .object(members) = value else {
            throw .invalidEntry(path: path, tensor: name, reason: "entry must be an object, found \(value.typeName)")
        }
        var fields: [String: JSONValue] = [:]
        for (key, field) in members {
            guard fields[key] == nil else {
                throw .invalidEntry(path: path, tensor: name, reason: "field '\(key)' appears more than once")
            }
            fields[key] = field
        }

        guard let dtypeValue = fields["dtype"] else { throw .missingField(path: path, tensor: name, field: "dtype") }
        guard case let .string(dtypeName) = dtypeValue else {
            throw .wrongFieldType(path: path, tensor: name, field: "dtype", expected: "a string")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw .unknownDType(path: path, tensor: name, dtype: dtypeName)
        }

        guard let shapeValue = fields["shape"] else { throw .missingField(path: path, tensor: name, field: "shape") }
        guard case let .array(dims) = shapeValue else {
            throw .wrongFieldType(path: path, tensor: name, field: "shape", expected: "an array of non-negative integers")
        }
        var shape: [Int] = []
        shape.reserveCapacity(dims.count)
        var elementCount = 1
        for dim in dims {
            guard case let .integer(extent) = dim else {
                throw .invalidShape(path: path, tensor: name, shape: shapeValue.compactText,
                                    reason: "dimension \(dim.compactText) is not an integer")
            }
            guard extent >= 0 else {
                throw .invalidShape(path: path, tensor: name, shape: shapeValue.compactText,
                                    reason: "dimension \(extent) is negative")
            }
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw .invalidShape(path: path, tensor: name, shape: shapeValue.compactText,
                                    reason: "element count overflows")
            }
            elementCount = product
            shape.append(extent)
        }
        let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: dtype.size)
        guard !overflow else {
            throw .invalidShape(path: path, tensor: name, shape: shapeValue.compactText,
                                reason: "byte size overflows")
        }

        guard let offsetsValue = fields["data_offsets"] else {
            throw .missingField(path: path, tensor: name, field: "data_offsets")
        }
        guard case let .array(offsets) = offsetsValue, offsets.count == 2 else {
            throw .wrongFieldType(path: path, tensor: name, field: "data_offsets",
                                  expected: "an array of two non-negative integers")
        }
        guard case let .integer(begin) = offsets[0], case let .integer(end) = offsets[1] else {
            throw .invalidOffsets(path: path, tensor: name, reason: "\(offsetsValue.compactText) are not both integers")
        }
        guard begin >= 0, end >= 0 else {
            throw .invalidOffsets(path: path, tensor: name, reason: "\(offsetsValue.compactText) are negative")
        }
        guard begin <= end else { throw .offsetsReversed(path: path, tensor: name, begin: begin, end: end) }
        guard end <= dataSize else {
            throw .offsetsOutOfBounds(path: path, tensor: name, begin: begin, end: end, dataSize: dataSize)
        }
        guard end - begin == byteCount else {
            throw .sizeMismatch(path: path, tensor: name, dtype: dtype.rawValue, shape: shape,
                                expectedBytes: byteCount, actualBytes: end - begin)
        }
        return SafetensorsTensorInfo(
            name: name, dtype: dtype, shape: shape, elementCount: elementCount,
            dataOffsets: begin..<end, fileRange: (dataStart + begin)..<(dataStart + end))
    }

    /// Sorted by start (then end), each tensor must begin where the previous one ended.
    private static func checkTiling(_ infos: [SafetensorsTensorInfo], dataSize: Int, path: String) throws(SafetensorsError) {
        let sorted = infos.sorted {
            ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound, $0.name)
                < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound, $1.name)
        }
        var cursor = 0
        var previous: String?
        for info in sorted {
            let begin = info.dataOffsets.lowerBound
            if begin < cursor, let previous {
                throw .overlap(path: path, tensor: info.name, other: previous)
            }
            if begin > cursor { throw .gap(path: path, tensor: info.name, start: begin, expected: cursor) }
            cursor = info.dataOffsets.upperBound
            previous = info.name
        }
        guard cursor == dataSize else { throw .trailingBytes(path: path, used: cursor, dataSize: dataSize) }
    }
}
