/// Builds a `.safetensors` file from named tensors and a string metadata map.
///
/// Layout choices (documented in docs/safetensors.md):
/// - tensors are stored in the order the Python writer uses (by dtype, larger elements
///   first, then by name), so every tensor starts at a multiple of its element size;
/// - the header is compact JSON, `__metadata__` first (keys sorted), then the tensors
///   in storage order, padded with spaces to a multiple of 8 bytes as Python does;
/// - `write(to:)` writes a temporary file in the same directory, fsyncs it and renames it
///   over the destination, so the final name never holds a partial file.
public struct SafetensorsWriter {
    /// How a Float32 tensor is stored.
    public enum FloatStorage: Sendable {
        case f32, f16, bf16

        var dtype: SafetensorsDType {
            switch self {
            case .f32: return .f32
            case .f16: return .f16
            case .bf16: return .bf16
            }
        }
    }

    private enum Payload {
        case floats(Tensor, FloatStorage)
        case int64s([Int64])
        case int32s([Int32])
        case uint8s([UInt8])
    }

    private struct Entry {
        let name: String
        let dtype: SafetensorsDType
        let shape: [Int]
        let payload: Payload
        var byteCount: Int { shape.reduce(1, *) * dtype.size }
    }

    /// Written as `__metadata__`.
    public var metadata: [String: String]
    private var entries: [Entry] = []
    private var usedNames: Set<String> = []

    /// Label used in errors raised before a destination path is known.
    private static let pendingPath = "<safetensors writer>"

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    public var names: [String] { entries.map(\.name) }

    /// Adds a Float32 tensor, stored as F32 (default), F16 or BF16 (rounded to nearest even).
    public mutating func add(_ name: String, _ tensor: Tensor, as storage: FloatStorage = .f32) throws(SafetensorsError) {
        try append(Entry(name: name, dtype: storage.dtype, shape: tensor.shape, payload: .floats(tensor, storage)))
    }

    /// Adds I64 data; `shape` defaults to `[values.count]`.
    public mutating func add(_ name: String, int64s values: [Int64], shape: [Int]? = nil) throws(SafetensorsError) {
        try append(Entry(name: name, dtype: .i64, shape: try checkedShape(name, shape, values.count), payload: .int64s(values)))
    }

    /// Adds I32 data; `shape` defaults to `[values.count]`.
    public mutating func add(_ name: String, int32s values: [Int32], shape: [Int]? = nil) throws(SafetensorsError) {
        try append(Entry(name: name, dtype: .i32, shape: try checkedShape(name, shape, values.count), payload: .int32s(values)))
    }

    /// Adds U8 data; `shape` defaults to `[values.count]`.
    public mutating func add(_ name: String, uint8s values: [UInt8], shape: [Int]? = nil) throws(SafetensorsError) {
        try append(Entry(name: name, dtype: .u8, shape: try checkedShape(name, shape, values.count), payload: .uint8s(values)))
    }

    private func checkedShape(_ name: String, _ shape: [Int]?, _ count: Int) throws(SafetensorsError) -> [Int] {
        let shape = shape ?? [count]
        var product = 1
        for extent in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            guard extent >= 0, !overflow else {
                throw .invalidWriteShape(path: Self.pendingPath, tensor: name, shape: shape, count: count)
            }
            product = next
        }
        guard product == count else {
            throw .invalidWriteShape(path: Self.pendingPath, tensor: name, shape: shape, count: count)
        }
        return shape
    }

    private mutating func append(_ entry: Entry) throws(SafetensorsError) {
        if entry.name == SafetensorsHeader.metadataKey {
            throw .invalidTensorName(path: Self.pendingPath, tensor: entry.name, reason: "the name is reserved for metadata")
        }
        guard !usedNames.contains(entry.name) else {
            throw .invalidTensorName(path: Self.pendingPath, tensor: entry.name, reason: "a tensor with this name was already added")
        }
        usedNames.insert(entry.name)
        entries.append(entry)
    }

    /// Entries in storage order: dtype rank descending (larger elements first), then
    /// name by UTF-8 bytes (as the Rust reference compares strings).
    private var orderedEntries: [Entry] {
        entries.sorted { a, b in
            if a.dtype.writerRank != b.dtype.writerRank { return a.dtype.writerRank > b.dtype.writerRank }
            return a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
        }
    }

    /// The header bytes: length prefix, JSON, space padding.
    private func headerBytes(for ordered: [Entry]) -> [UInt8] {
        var parts: [String] = []
        if !metadata.isEmpty {
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let pairs = keys.map { JSONWriter.quoted($0) + ":" + JSONWriter.quoted(metadata[$0] ?? "") }
            parts.append(JSONWriter.quoted(SafetensorsHeader.metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for entry in ordered {
            let end = offset + entry.byteCount
            let shape = entry.shape.map(String.init).joined(separator: ",")
            parts.append(JSONWriter.quoted(entry.name)
                + ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var json = Array(("{" + parts.joined(separator: ",") + "}").utf8)
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + json.count)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        return bytes
    }

    /// Feeds the whole file, in order, to `sink`.
    private func emit(_ sink: (UnsafeRawBufferPointer) throws(SafetensorsError) -> Void) throws(SafetensorsError) {
        let ordered = orderedEntries
        let header = headerBytes(for: ordered)
        try Self.emitArray(header[...], sink)
        for entry in ordered {
            switch entry.payload {
            case let .floats(tensor, storage):
                try Self.emitFloats(tensor, storage, sink)
            case let .int64s(values):
                try Self.emitArray(values[...], sink)
            case let .int32s(values):
                try Self.emitArray(values[...], sink)
            case let .uint8s(values):
                try Self.emitArray(values[...], sink)
            }
        }
    }

    /// `Array.withUnsafeBytes` only rethrows untyped errors; this keeps the typed one.
    private static func emitArray<T>(
        _ values: ArraySlice<T>, _ sink: (UnsafeRawBufferPointer) throws(SafetensorsError) -> Void
    ) throws(SafetensorsError) {
        var failure: SafetensorsError?
        values.withUnsafeBytes { raw in
            do throws(SafetensorsError) { try sink(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func emitFloats(
        _ tensor: Tensor, _ storage: FloatStorage, _ sink: (UnsafeRawBufferPointer) throws(SafetensorsError) -> Void
    ) throws(SafetensorsError) {
        try tensor.withUnsafeBufferPointer { (floats) throws(SafetensorsError) in
            if storage == .f32 {
                try sink(UnsafeRawBufferPointer(floats))
                return
            }
            // Convert in chunks so large tensors need no full-size scratch copy.
            let chunk = 1 << 15
            var scratch = [UInt16](repeating: 0, count: min(chunk, floats.count))
            var start = 0
            while start < floats.count {
                let n = min(chunk, floats.count - start)
                for i in 0..<n {
                    let f = floats[start + i]
                    scratch[i] = storage == .f16 ? HalfConversion.halfFromFloat(f) : HalfConversion.bfloat16FromFloat(f)
                }
                try Self.emitArray(scratch[0..<n], sink)
                start += n
            }
        }
    }

    /// The complete file contents in memory.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        do {
            try emit { (raw) throws(SafetensorsError) in out.append(contentsOf: raw) }
        } catch {
            preconditionFailure("an in-memory sink does not throw: \(error)")
        }
        return out
    }

    /// Writes the file atomically: a temporary file next to `path`, fsync, rename.
    public func write(to path: String) throws(SafetensorsError) {
        let file = try AtomicFileWriter(destination: path)
        do {
            try emit { (raw) throws(SafetensorsError) in try file.write(raw) }
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }
}
