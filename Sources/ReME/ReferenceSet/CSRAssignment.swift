/// The sparse binary assignment `O_ref` [m × n] in compressed sparse rows: the phrases of
/// segment `i` are `indices[indptr[i]..<indptr[i+1]]`, ascending.
public struct CSRAssignment: Sendable, Equatable {
    public var indptr: [Int32]
    public var indices: [Int32]
    public var columnCount: Int

    public var rowCount: Int { indptr.count - 1 }
    public var nonZeroCount: Int { indices.count }

    public init(indptr: [Int32], indices: [Int32], columnCount: Int) throws(MethodError) {
        guard let first = indptr.first, first == 0, Int(indptr[indptr.count - 1]) == indices.count else {
            throw .invalidReferenceSet("assign_indptr must start at 0 and end at \(indices.count) (nnz)")
        }
        for i in 1..<indptr.count where indptr[i] < indptr[i - 1] {
            throw .invalidReferenceSet("assign_indptr decreases at \(i)")
        }
        for c in indices where c < 0 || Int(c) >= columnCount {
            throw .invalidReferenceSet("assign_indices holds \(c), outside 0..<\(columnCount)")
        }
        self.indptr = indptr
        self.indices = indices
        self.columnCount = columnCount
    }

    /// Builds the CSR form from (row, column) pairs; duplicates are merged.
    public init(rows: Int, columns: Int, pairs: [(row: Int32, column: Int32)]) {
        let sorted = pairs.sorted { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
        var indptr = [Int32](repeating: 0, count: rows + 1)
        var indices: [Int32] = []
        indices.reserveCapacity(sorted.count)
        var previous: (Int32, Int32)? = nil
        for p in sorted where previous.map({ $0 != (p.row, p.column) }) ?? true {
            precondition(p.row >= 0 && Int(p.row) < rows && p.column >= 0 && Int(p.column) < columns)
            indices.append(p.column)
            indptr[Int(p.row) + 1] += 1
            previous = (p.row, p.column)
        }
        for i in 0..<rows { indptr[i + 1] += indptr[i] }
        self.indptr = indptr
        self.indices = indices
        self.columnCount = columns
    }
}
