import ReMETensor

/// A reference set prepared for retrieval: `S_ref` storage, `O_ref`, `L_ref`.
public struct ReferenceIndex: Sendable {
    public let storage: ReferenceStorage
    public let assignment: CSRAssignment
    public let labelEmbeddings: Tensor

    public init(storage: ReferenceStorage, assignment: CSRAssignment, labelEmbeddings: Tensor) throws(MethodError) {
        guard storage.rows == assignment.rowCount else {
            throw .shapeMismatch(what: "reference storage", expected: "\(assignment.rowCount) rows", found: [storage.rows, storage.columns])
        }
        guard labelEmbeddings.rank == 2, labelEmbeddings.shape[0] == assignment.columnCount else {
            throw .shapeMismatch(what: "label embeddings", expected: "[\(assignment.columnCount), d2]", found: labelEmbeddings.shape)
        }
        self.storage = storage
        self.assignment = assignment
        self.labelEmbeddings = labelEmbeddings
    }

    /// An index over a reference set, optionally rounding `S_ref` to half precision.
    public init(_ reference: ReferenceSet, halfPrecision: Bool = false) throws(MethodError) {
        let storage: ReferenceStorage = halfPrecision
            ? .float16(try HalfMatrix(reference.segmentEmbeddings))
            : .float32(reference.segmentEmbeddings)
        try self.init(storage: storage, assignment: reference.assignment, labelEmbeddings: reference.labelEmbeddings)
    }

    public var segmentCount: Int { storage.rows }
    public var featureDimension: Int { storage.columns }
    public var phraseCount: Int { assignment.columnCount }
}
