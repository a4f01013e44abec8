import ReMETensor

/// `S_ref` rows in memory, as Float32 or as IEEE half precision (half the memory; rows are
/// converted to Float32 one block at a time before the GEMM).
public enum ReferenceStorage: Sendable {
    case float32(Tensor)
    case float16(HalfMatrix)

    public var rows: Int {
        switch self {
        case let .float32(t): return t.shape[0]
        case let .float16(h): return h.rows
        }
    }

    public var columns: Int {
        switch self {
        case let .float32(t): return t.shape[1]
        case let .float16(h): return h.columns
        }
    }
}

/// A row-major matrix of IEEE half bit patterns.
public struct HalfMatrix: Sendable {
    public let rows: Int
    public let columns: Int
    public let bits: [UInt16]

    public init(rows: Int, columns: Int, bits: [UInt16]) throws(MethodError) {
        guard rows >= 0, columns >= 0, bits.count == rows * columns else {
            throw .shapeMismatch(what: "half matrix", expected: "[\(rows), \(columns)]", found: [bits.count])
        }
        self.rows = rows
        self.columns = columns
        self.bits = bits
    }

    /// Rounds a `[rows, columns]` Float32 tensor to half precision.
    public init(_ t: Tensor) throws(MethodError) {
        guard t.rank == 2 else { throw .shapeMismatch(what: "half matrix source", expected: "[rows, columns]", found: t.shape) }
        rows = t.shape[0]
        columns = t.shape[1]
        bits = t.withUnsafeBufferPointer { p in p.map(HalfConversion.halfFromFloat) }
    }

    /// Writes rows `range` as Float32 into `dst` (row-major, `columns` wide), on up to
    /// `threads` threads.
    func convertRows(_ range: Range<Int>, into dst: UnsafeMutablePointer<Float>, threads: Int = 1) {
        let width = columns
        bits.withUnsafeBufferPointer { b in
            let src = SharedPointer(base: UnsafeMutablePointer(mutating: b.baseAddress! + range.lowerBound * width))
            let out = SharedPointer(base: dst)
            ParallelChunks.forEach(range.count, minimumChunk: 1, maximumWorkers: threads) { rows in
                HalfConversion.convertHalf(src.base + rows.lowerBound * width, to: out.base + rows.lowerBound * width,
                                           count: rows.count * width)
            }
        }
    }
}
