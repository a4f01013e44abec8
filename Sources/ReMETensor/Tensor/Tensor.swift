/// A row-major, contiguous Float32 tensor with value semantics.
///
/// Storage is shared between copies until one of them is written: every write goes through
/// a `mutating` call that first makes this value the only owner of its storage, so a write
/// never shows through another copy. Tensors may view memory-mapped weights without copying
/// them; the first write copies them (see `isBorrowed`).
public struct Tensor: Sendable {
    public private(set) var shape: [Int]
    /// Shared by copies of this value; replaced by an owned copy before a write when it is
    /// shared or borrowed (see `withUnsafeMutableBufferPointer`).
    private(set) var buffer: TensorBuffer

    public var count: Int { buffer.count }
    public var rank: Int { shape.count }

    /// Whether the elements are read in place from memory this tensor does not own (an F32
    /// tensor of a memory-mapped safetensors file); the first write copies them.
    public var isBorrowed: Bool { buffer.isBorrowed }

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

    /// A new tensor whose elements `body` writes, every one of them, into fresh storage
    /// (no uniqueness check, nothing copied). `baseAddress` is never nil, even when empty.
    public init<E: Error>(
        uninitialized shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) throws(E) -> Void
    ) throws(E) {
        self.init(uninitialized: shape)
        try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    public init(shape: [Int], repeating value: Float) {
        self.init(uninitialized: shape) { $0.initialize(repeating: value) }
    }

    public init(shape: [Int], data: [Float]) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == data.count else {
            throw .elementCountMismatch(shape: shape, count: data.count)
        }
        self.init(uninitialized: shape) { _ = $0.initialize(fromContentsOf: data) }
    }

    /// Wraps a buffer; `shape` must describe exactly `buffer.count` elements.
    init(shape: [Int], buffer: TensorBuffer) throws(TensorError) {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == buffer.count else {
            throw .elementCountMismatch(shape: shape, count: buffer.count)
        }
        self.shape = shape
        self.buffer = buffer
    }

    /// The elements as an array (a copy).
    public var scalars: [Float] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// One element. Each write checks ownership, so loops over many elements should use
    /// `withUnsafeMutableBufferPointer` instead.
    public subscript(flat index: Int) -> Float {
        get {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            return buffer.pointer[index]
        }
        set {
            precondition(index >= 0 && index < count, "index \(index) out of range 0..<\(count)")
            withUnsafeMutableBufferPointer { $0[index] = newValue }
        }
    }

    /// Calls `body` with the elements, in place (a borrowed tensor's mapped memory is not
    /// copied). The pointer is valid only during the call; `baseAddress` is never nil.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    /// Calls `body` with writable elements after making this value the sole owner of its
    /// storage: shared storage is copied first (so other copies keep their values), borrowed
    /// memory is copied on the first write, and uniquely owned storage is written in place.
    /// The pointer is valid only during the call; `baseAddress` is never nil.
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        makeUniquelyOwned()
        return try body(UnsafeMutableBufferPointer(start: buffer.pointer, count: buffer.count))
    }

    private mutating func makeUniquelyOwned() {
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
        let selected = range.lowerBound * inner..<range.upperBound * inner
        return withUnsafeBufferPointer { src in
            Tensor(uninitialized: [range.count] + shape.dropFirst()) { dst in
                _ = dst.initialize(fromContentsOf: src[selected])
            }
        }
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
        return Tensor(uninitialized: [rows] + inner) { dst in
            var offset = 0
            for p in parts {
                p.withUnsafeBufferPointer { src in
                    _ = UnsafeMutableBufferPointer(rebasing: dst[offset...]).initialize(fromContentsOf: src)
                }
                offset += p.count
            }
        }
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
        return withUnsafeBufferPointer { src in
            Tensor(uninitialized: newShape) { dst in
                for b in 0..<batch {
                    let s = b * r * c
                    for i in 0..<r {
                        for j in 0..<c { dst[s + j * r + i] = src[s + i * c + j] }
                    }
                }
            }
        }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
