/// A row-major, contiguous Float32 tensor with value semantics.
///
/// Storage is shared between copies until one of them is mutated. Tensors may view
/// memory-mapped weights without copying them (see `TensorBuffer`).
public struct Tensor: Sendable {
    public private(set) var shape: [Int]
    public private(set) var buffer: TensorBuffer

    public var count: Int { buffer.count }
    public var rank: Int { shape.count }

    /// A zero-filled tensor.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.buffer = TensorBuffer(count: shape.reduce(1, *))
    }

    /// A tensor whose elements the caller writes before reading (see `withUnsafeMutableBufferPointer`).
    public init(uninitialized shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.buffer = TensorBuffer(uninitializedCount: shape.reduce(1, *))
    }

    public init(shape: [Int], repeating value: Float) {
        self.init(uninitialized: shape)
        buffer.pointer.initialize(repeating: value, count: buffer.count)
    }

    public init(shape: [Int], data: [Float]) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == data.count else {
            throw .elementCountMismatch(shape: shape, count: data.count)
        }
        self.init(uninitialized: shape)
        let p = buffer.pointer
        data.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { p.update(from: base, count: src.count) }
        }
    }

    /// Wraps an existing buffer; `shape` must describe exactly `buffer.count` elements.
    public init(shape: [Int], buffer: TensorBuffer) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == buffer.count else {
            throw .elementCountMismatch(shape: shape, count: buffer.count)
        }
        self.shape = shape
        self.buffer = buffer
    }

    /// The elements as an array (a copy).
    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    public subscript(flat index: Int) -> Float {
        get {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            return buffer.pointer[index]
        }
        set {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            makeUnique()
            buffer.pointer[index] = newValue
        }
    }

    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    /// Ensures this value is the only owner of writable storage.
    public mutating func makeUnique() {
        if buffer.isBorrowed || !isKnownUniquelyReferenced(&buffer) {
            buffer = buffer.copy()
        }
    }

    /// The same elements under another shape (no copy).
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        if inferred.count > 1 {
            throw .invalidShape(operation: "reshape", shape: newShape, expected: "at most one -1")
        }
        if let i = inferred.first {
            let known = newShape.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
            guard known > 0, count % known == 0 else {
                throw .elementCountMismatch(shape: newShape, count: count)
            }
            resolved[i] = count / known
        }
        guard resolved.allSatisfy({ $0 >= 0 }), resolved.reduce(1, *) == count else {
            throw .elementCountMismatch(shape: resolved, count: count)
        }
        var t = self
        t.shape = resolved
        return t
    }

    /// Rows `range` of the leading dimension, copied into a new tensor.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0])
        let inner = shape.dropFirst().reduce(1, *)
        var out = Tensor(uninitialized: [range.count] + shape.dropFirst())
        out.buffer.pointer.update(from: buffer.pointer + range.lowerBound * inner, count: range.count * inner)
        return out
    }

    /// Concatenates tensors along the leading dimension.
    public static func concatenate(_ parts: [Tensor]) throws(TensorError) -> Tensor {
        guard let first = parts.first else {
            throw .invalidShape(operation: "concatenate", shape: [], expected: "at least one tensor")
        }
        let inner = Array(first.shape.dropFirst())
        var rows = 0
        for p in parts {
            guard p.rank >= 1, Array(p.shape.dropFirst()) == inner else {
                throw .shapeMismatch(operation: "concatenate", lhs: first.shape, rhs: p.shape)
            }
            rows += p.shape[0]
        }
        var out = Tensor(uninitialized: [rows] + inner)
        var offset = 0
        for p in parts {
            (out.buffer.pointer + offset).update(from: p.buffer.pointer, count: p.count)
            offset += p.count
        }
        return out
    }

    /// Swaps the last two axes (copies).
    public func transposedLastTwo() throws(TensorError) -> Tensor {
        guard rank >= 2 else {
            throw .invalidShape(operation: "transpose", shape: shape, expected: "rank >= 2")
        }
        let r = shape[rank - 2], c = shape[rank - 1]
        let batch = count / max(r * c, 1)
        var newShape = shape
        newShape[rank - 2] = c
        newShape[rank - 1] = r
        var out = Tensor(uninitialized: newShape)
        let src = buffer.pointer, dst = out.buffer.pointer
        for b in 0..<batch {
            let s = src + b * r * c, d = dst + b * r * c
            for i in 0..<r {
                for j in 0..<c { d[j * r + i] = s[i * c + j] }
            }
        }
        return out
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
