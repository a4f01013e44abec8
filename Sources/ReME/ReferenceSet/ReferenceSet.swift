import ReMETensor

/// The stored reference set (docs/specification.md, Part 1 step 8).
public struct ReferenceSet: Sendable {
    /// `S_ref` [m × d1]: visual features of the kept segments, L2-normalised.
    public var segmentEmbeddings: Tensor
    /// `L_ref` [n × d2]: prompt-ensemble text embeddings of the distinct phrases.
    public var labelEmbeddings: Tensor
    /// `O_ref` [m × n].
    public var assignment: CSRAssignment
    /// The `n` phrase texts, in the order of `labelEmbeddings`' rows.
    public var phrases: [String]
    /// The root of each phrase.
    public var roots: [String]
    public var statistics: StageStatistics
    /// Models, captioner, hyper-parameters, image count … as strings.
    public var provenance: [String: String]

    public init(segmentEmbeddings: Tensor, labelEmbeddings: Tensor, assignment: CSRAssignment,
                phrases: [String], roots: [String], statistics: StageStatistics = StageStatistics(),
                provenance: [String: String] = [:]) throws(MethodError) {
        guard segmentEmbeddings.rank == 2, segmentEmbeddings.shape[0] == assignment.rowCount else {
            throw .shapeMismatch(what: "segment_embeddings", expected: "[\(assignment.rowCount), d1]",
                                 found: segmentEmbeddings.shape)
        }
        guard labelEmbeddings.rank == 2, labelEmbeddings.shape[0] == assignment.columnCount,
              phrases.count == assignment.columnCount, roots.count == phrases.count else {
            throw .shapeMismatch(what: "label_embeddings / phrases",
                                 expected: "[\(assignment.columnCount), d2] and \(assignment.columnCount) phrases",
                                 found: labelEmbeddings.shape + [phrases.count])
        }
        self.segmentEmbeddings = segmentEmbeddings
        self.labelEmbeddings = labelEmbeddings
        self.assignment = assignment
        self.phrases = phrases
        self.roots = roots
        self.statistics = statistics
        self.provenance = provenance
    }

    public var segmentCount: Int { assignment.rowCount }
    public var phraseCount: Int { assignment.columnCount }
}
