/// docs/specification.md, Part 1 step 5: drop the abnormally frequent roots ("scene", "image", …).
///
/// Count of a root = number of distinct segments paired with a phrase of that root. Counts
/// are sorted descending (ties by root string, for determinism); the Kneedle knee `k` of that
/// curve is found and the roots ranked `0..<k` are dropped with all their pairs.
public struct AmbiguousLabelFilter: Sendable {
    /// A knee must lie this far below the chord (normalised units) to count; otherwise
    /// nothing is dropped.
    public var minimumKneeDifference: Double = 1e-9

    public init(minimumKneeDifference: Double = 1e-9) {
        self.minimumKneeDifference = minimumKneeDifference
    }

    public struct Result: Sendable {
        public var pairs: PairTable
        /// Dropped roots, most frequent first.
        public var droppedRoots: [String]
        /// All roots with their counts, sorted descending.
        public var rankedCounts: [(root: String, count: Int)]
    }

    public func apply(to pairs: PairTable, in base: BaseSet) -> Result {
        let counts = Self.distinctSegmentCounts(pairs: pairs, phraseRoot: base.phraseRoot, rootCount: base.roots.count)
        let ranked = counts.enumerated()
            .filter { $0.element > 0 }
            .map { (root: base.roots[$0.offset], id: $0.offset, count: $0.element) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.root < $1.root }
        let knee = Kneedle.kneeOfDescendingCurve(ranked.map { Double($0.count) },
                                                 minimumDifference: minimumKneeDifference) ?? 0
        var drop = [Bool](repeating: false, count: base.roots.count)
        for r in ranked.prefix(knee) { drop[r.id] = true }
        let keep = pairs.phrase.map { !drop[Int(base.phraseRoot[Int($0)])] }
        return Result(pairs: pairs.filtered(keeping: keep),
                      droppedRoots: ranked.prefix(knee).map(\.root),
                      rankedCounts: ranked.map { (root: $0.root, count: $0.count) })
    }

    /// Distinct segments per root id.
    static func distinctSegmentCounts(pairs: PairTable, phraseRoot: [Int32], rootCount: Int) -> [Int] {
        let groups = RootGroups(pairs: pairs, phraseRoot: phraseRoot)
        var counts = [Int](repeating: 0, count: rootCount)
        for g in 0..<groups.groupCount {
            counts[Int(groups.root(ofGroup: g))] = groups.starts[g + 1] - groups.starts[g]
        }
        return counts
    }
}
