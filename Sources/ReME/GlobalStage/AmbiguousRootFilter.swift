/// Step 5 of the global stage (docs/method.md, "Ambiguous-label filtering"): a rule that
/// decides which roots are not labels a segment can carry and drops their pairs.
///
/// Two rules conform: `AbstractRootFilter` (the default: WordNet's categories and the
/// visual coherence of each root's group) and `AmbiguousLabelFilter` (the paper's Kneedle on
/// the root counts).
public protocol AmbiguousRootFilter: Sendable {
    func apply(to pairs: PairTable, in base: BaseSet) throws(MethodError) -> RootFilterResult
    /// One line for the reference set's provenance.
    var provenanceDescription: String { get }
}

/// What an ambiguous-root filter kept and dropped.
public struct RootFilterResult: Sendable {
    public var pairs: PairTable
    /// Dropped roots, most frequent first.
    public var droppedRoots: [String]
    /// All roots with their counts (distinct segments), sorted descending (ties by root).
    public var rankedCounts: [(root: String, count: Int)]
}

extension RootFilterResult {
    /// Keeps the pairs whose root is not flagged in `drop` (indexed by root id).
    init(pairs: PairTable, base: BaseSet, drop: [Bool], ranked: [(root: String, id: Int, count: Int)]) {
        let keep = pairs.phrase.map { !drop[Int(base.phraseRoot[Int($0)])] }
        self.init(pairs: pairs.filtered(keeping: keep),
                  droppedRoots: ranked.filter { drop[$0.id] }.map(\.root),
                  rankedCounts: ranked.map { (root: $0.root, count: $0.count) })
    }

    /// The head of the count curve: the roots ranked before its Kneedle knee (none when the
    /// curve has no knee).
    static func countHead(of ranked: [(root: String, id: Int, count: Int)],
                          minimumKneeDifference: Double = 1e-9) -> ArraySlice<(root: String, id: Int, count: Int)> {
        let knee = Kneedle.kneeOfDescendingCurve(ranked.map { Double($0.count) }, minimumDifference: minimumKneeDifference) ?? 0
        return ranked.prefix(knee)
    }

    /// Roots with their distinct-segment counts, most frequent first (ties by root string).
    static func rankedRoots(_ groups: RootGroups, base: BaseSet) -> [(root: String, id: Int, count: Int)] {
        (0..<groups.groupCount).map { g in
            let id = Int(groups.root(ofGroup: g))
            return (root: base.roots[id], id: id, count: groups.starts[g + 1] - groups.starts[g])
        }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.root < $1.root }
    }
}
