/// The paper's ambiguous-label filter: drop the abnormally frequent roots ("scene", "image", …).
///
/// Count of a root = number of distinct segments paired with a phrase of that root. Counts
/// are sorted descending (ties by root string, for determinism); the Kneedle knee `k` of that
/// curve is found and the roots ranked `0..<k` are dropped with all their pairs.
///
/// On real captions the head of the count curve holds the most common concrete classes as
/// well ("man", "person", "car" on Flickr30k), so this rule is no longer the default; see
/// `AbstractRootFilter` and docs/method.md.
public struct AmbiguousLabelFilter: AmbiguousRootFilter {
    /// A knee must lie this far below the chord (normalised units) to count; otherwise
    /// nothing is dropped.
    public var minimumKneeDifference: Double = 1e-9

    public init(minimumKneeDifference: Double = 1e-9) {
        self.minimumKneeDifference = minimumKneeDifference
    }

    public typealias Result = RootFilterResult

    public var provenanceDescription: String { "kneedle" }

    public func apply(to pairs: PairTable, in base: BaseSet) -> RootFilterResult {
        let ranked = RootFilterResult.rankedRoots(RootGroups(pairs: pairs, phraseRoot: base.phraseRoot), base: base)
        var drop = [Bool](repeating: false, count: base.roots.count)
        for r in RootFilterResult.countHead(of: ranked, minimumKneeDifference: minimumKneeDifference) { drop[r.id] = true }
        return RootFilterResult(pairs: pairs, base: base, drop: drop, ranked: ranked)
    }
}
