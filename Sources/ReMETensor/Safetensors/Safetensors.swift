/// A validated, memory-mapped `.safetensors` file.
///
/// Opening maps the file read-only and validates the whole header (see
/// `SafetensorsHeader`); after that, reading a tensor cannot go out of bounds.
/// F32 tensors whose data is 4-byte aligned are returned as views of the mapping
/// (no copy); every other dtype is converted to Float32 once, at access.
public final class SafetensorsFile: Sendable {
    public let path: String
    /// The `__metadata__` string map (empty if the file has none).
    public let metadata: [String: String]
    /// Tensor names, sorted.
    public let names: [String]

    private let storage: MappedFile
    private let tensors: [String: SafetensorsTensorInfo]

    /// Maps and validates the file at `path`.
    public convenience init(path: String) throws(SafetensorsError) {
        try self.init(storage: MappedFile(path: path))
    }

    /// Validates an in-memory copy of a file's bytes; `name` appears in error messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(SafetensorsError) {
        try self.init(storage: MappedFile(copying: bytes, path: name))
    }

    public init(storage: MappedFile) throws(SafetensorsError) {
        let header = try SafetensorsHeader.parse(storage.bytes, path: storage.path)
        self.storage = storage
        self.path = storage.path
        self.metadata = header.metadata
        self.tensors = header.tensors
        self.names = header.tensors.keys.sorted()
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    /// Dtype, shape and byte range of a tensor.
    public func info(_ name: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
        guard let info = tensors[name] else { throw .tensorNotFound(path: path, tensor: name) }
        return info
    }

    /// The tensor as Float32. F32 data aligned to 4 bytes is borrowed from the mapping;
    /// F16/BF16/F8_* convert exactly; F64 rounds to nearest; integers and BOOL convert to
    /// the nearest Float (exact up to 2^24). C64 is an error.
    public func tensor(_ name: String) throws(SafetensorsError) -> Tensor {
        let info = try info(name)
        guard info.dtype != .c64 else {
            throw .unsupportedConversion(path: path, tensor: name, dtype: info.dtype.rawValue, target: "Float32")
        }
        let source = storage.base + info.fileRange.lowerBound
        let count = info.elementCount
        let buffer: TensorBuffer
        if info.dtype == .f32, Int(bitPattern: source) % MemoryLayout<Float>.alignment == 0 {
            buffer = TensorBuffer(borrowing: source.assumingMemoryBound(to: Float.self), count: count, owner: storage)
        } else {
            buffer = TensorBuffer(uninitializedCount: count)
            SafetensorsConversion.convertToFloat(info.dtype, from: source, to: buffer.pointer, count: count)
        }
        do {
            return try Tensor(shape: info.shape, buffer: buffer)
        } catch {
            // Unreachable: the header validated elementCount == product(shape).
            throw .invalidShape(path: path, tensor: name, shape: "\(info.shape)", reason: "\(error)")
        }
    }

    /// An integer tensor's elements as Int64 (any integer dtype or BOOL; U64 values
    /// above Int64.max are an error). Float dtypes are rejected, not truncated.
    public func int64s(_ name: String) throws(SafetensorsError) -> [Int64] {
        let info = try info(name)
        let source = storage.base + info.fileRange.lowerBound
        guard info.dtype.isInteger else {
            throw .unsupportedConversion(path: path, tensor: name, dtype: info.dtype.rawValue, target: "Int64")
        }
        if let bad = SafetensorsConversion.firstIndexOutOfRange(info.dtype, from: source, count: info.elementCount,
                                                                  range: Int64.min...Int64.max) {
            throw .valueOutOfRange(path: path, tensor: name, index: bad, target: "Int64")
        }
        return SafetensorsConversion.integers(info.dtype, from: source, count: info.elementCount, as: Int64.self)
    }

    /// An integer tensor's elements as Int32; values that do not fit are an error.
    public func int32s(_ name: String) throws(SafetensorsError) -> [Int32] {
        let info = try info(name)
        let source = storage.base + info.fileRange.lowerBound
        guard info.dtype.isInteger else {
            throw .unsupportedConversion(path: path, tensor: name, dtype: info.dtype.rawValue, target: "Int32")
        }
        if let bad = SafetensorsConversion.firstIndexOutOfRange(info.dtype, from: source, count: info.elementCount,
                                                                  range: Int64(Int32.min)...Int64(Int32.max)) {
            throw .valueOutOfRange(path: path, tensor: name, index: bad, target: "Int32")
        }
        return SafetensorsConversion.integers(info.dtype, from: source, count: info.elementCount, as: Int32.self)
    }

    /// The tensor's raw little-endian bytes (a copy).
    public func bytes(_ name: String) throws(SafetensorsError) -> [UInt8] {
        let info = try info(name)
        return Array(UnsafeRawBufferPointer(rebasing: storage.bytes[info.fileRange]))
    }

    /// Calls `body` with the tensor's raw bytes inside the mapping (valid only during the call).
    public func withRawBytes<R, E: Error>(
        _ name: String, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws -> R {
        let info = try info(name)
        return try body(UnsafeRawBufferPointer(rebasing: storage.bytes[info.fileRange]))
    }
}
