import ReMEText

/// The default ambiguous-label filter: drops roots that name no visible thing, judged by
/// WordNet's lexical categories and by the visual coherence of the root's group.
///
/// Why not counts: in real detailed descriptions abstract and positional words ("background",
/// "left", "area", "view") are exactly as frequent as the most common classes ("man", "car"),
/// so the paper's knee on the count curve drops both (docs/method.md has the figures).
///
/// A root is dropped when any of these holds:
/// 1. it is on `alwaysDrop` (and not on `alwaysKeep`, which wins over everything);
/// 2. *lexically abstract*: WordNet knows it as a noun and none of its senses is physical
///    or a location (`LexicographerFile.isPhysical`): "day", "idea", "sense";
/// 3. *visually incoherent*: its group has at least `minimumJudgedGroup` distinct segments and
///    their spread around the group's element-wise median (the group filter's measure,
///    `mean(1 − cos)`) is at least `threshold` times the spread of as many segments drawn at
///    random from the whole base set. Initial pairing gives an abstract phrase whatever
///    segment CLIP finds closest, so its group is nearly as spread as a random one; a class's
///    group is much tighter. The threshold moves with the lexical evidence:
///    `threshold = incoherenceFloor + incoherenceSpan · physicalShare`, so a root whose
///    senses are mostly abstract or positional ("background", "left") needs less visual
///    evidence than one whose senses are mostly things ("man", "dog"). Roots WordNet does not
///    know count as half physical.
///
/// Groups smaller than `minimumJudgedGroup` that are not lexically abstract are kept: with a
/// handful of members the spread says little, and a rare root costs few pairs.
public struct AbstractRootFilter: AmbiguousRootFilter {
    public var minimumJudgedGroup: Int
    public var incoherenceFloor: Double
    public var incoherenceSpan: Double
    /// Random draws per group size for the random-spread baseline.
    public var baselineDraws: Int
    public var seed: UInt64
    public var alwaysDrop: Set<String>
    public var alwaysKeep: Set<String>
    public var median: MedianConvention
    public var threads: Int
    /// The WordNet database; loaded from its default folder when nil.
    public var nouns: WordNetNouns?

    public init(minimumJudgedGroup: Int = 8, incoherenceFloor: Double = 0.6, incoherenceSpan: Double = 0.3,
                baselineDraws: Int = 8, seed: UInt64 = 0x5EED, alwaysDrop: Set<String> = [],
                alwaysKeep: Set<String> = [], median: MedianConvention = .meanOfMiddles, threads: Int = 2,
                nouns: WordNetNouns? = nil) {
        self.minimumJudgedGroup = minimumJudgedGroup
        self.incoherenceFloor = incoherenceFloor
        self.incoherenceSpan = incoherenceSpan
        self.baselineDraws = baselineDraws
        self.seed = seed
        self.alwaysDrop = alwaysDrop
        self.alwaysKeep = alwaysKeep
        self.median = median
        self.threads = threads
        self.nouns = nouns
    }

    public var provenanceDescription: String {
        "abstract-roots min_group=\(minimumJudgedGroup) threshold=\(incoherenceFloor)+\(incoherenceSpan)*physical"
            + (alwaysDrop.isEmpty ? "" : " drop=\(alwaysDrop.count)") + (alwaysKeep.isEmpty ? "" : " keep=\(alwaysKeep.count)")
    }

    /// Why a root was dropped or kept, for reports and tests.
    public enum Verdict: Sendable, Equatable {
        case keptByList, droppedByList, lexicallyAbstract
        /// `ratio` = group spread / random spread, compared with `threshold`.
        case judged(ratio: Double, threshold: Double, dropped: Bool)
        case tooFewToJudge

        public var drops: Bool {
            switch self {
            case .droppedByList, .lexicallyAbstract: true
            case .judged(_, _, let dropped): dropped
            case .keptByList, .tooFewToJudge: false
            }
        }
    }

    public func apply(to pairs: PairTable, in base: BaseSet) throws(MethodError) -> RootFilterResult {
        let groups = RootGroups(pairs: pairs, phraseRoot: base.phraseRoot)
        let ranked = RootFilterResult.rankedRoots(groups, base: base)
        let verdicts = try verdicts(groups: groups, base: base)
        var drop = [Bool](repeating: false, count: base.roots.count)
        for g in 0..<groups.groupCount where verdicts[g].drops { drop[Int(groups.root(ofGroup: g))] = true }
        return RootFilterResult(pairs: pairs, base: base, drop: drop, ranked: ranked)
    }

    /// The verdict for each root present in `pairs`, keyed by root string.
    public func verdicts(for pairs: PairTable, in base: BaseSet) throws(MethodError) -> [String: Verdict] {
        let groups = RootGroups(pairs: pairs, phraseRoot: base.phraseRoot)
        let list = try verdicts(groups: groups, base: base)
        var out: [String: Verdict] = [:]
        for g in 0..<groups.groupCount { out[base.roots[Int(groups.root(ofGroup: g))]] = list[g] }
        return out
    }

    func verdicts(groups: RootGroups, base: BaseSet) throws(MethodError) -> [Verdict] {
        guard minimumJudgedGroup >= 2, baselineDraws >= 1, incoherenceFloor >= 0, incoherenceSpan >= 0 else {
            throw .invalidParameter(name: "abstract-root filter", value: "minimum group \(minimumJudgedGroup), draws \(baselineDraws)",
                                    expected: "a minimum group of at least 2 and at least one draw")
        }
        let wordNet: WordNetNouns
        do { wordNet = try nouns ?? WordNetNouns.shared() } catch {
            throw .invalidParameter(name: "WordNet", value: "\(error)", expected: "the WordNet database (Debian's wordnet-base)")
        }
        let spread = GroupSpread(median: median, threads: threads)
        let spreads = spread.spreads(of: groups, base: base)
        let sizes = (0..<groups.groupCount).map { groups.starts[$0 + 1] - groups.starts[$0] }
        let judgedSizes = Set(sizes.filter { $0 >= minimumJudgedGroup })
        let baseline = spread.randomSpreads(sizes: judgedSizes, draws: baselineDraws, pairs: groups, base: base, seed: seed)

        return (0..<groups.groupCount).map { g in
            let root = base.roots[Int(groups.root(ofGroup: g))]
            if alwaysKeep.contains(root) { return .keptByList }
            if alwaysDrop.contains(root) { return .droppedByList }
            let profile = wordNet.profile(of: root)
            if let profile, profile.physical == 0, profile.location == 0 { return .lexicallyAbstract }
            guard sizes[g] >= minimumJudgedGroup, let random = baseline[sizes[g]], random > 0 else { return .tooFewToJudge }
            let ratio = spreads[g] / random
            let threshold = incoherenceFloor + incoherenceSpan * (profile?.physical ?? 0.5)
            return .judged(ratio: ratio, threshold: threshold, dropped: ratio >= threshold)
        }
    }
}
