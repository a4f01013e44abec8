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
///    or a location (`LexicographerFile.isPhysical`): "day", "idea", "sense" — where the group
///    is too small for rule 3; a large group is judged by rule 3 alone, so a coherent group of
///    a word WordNet files only under communication ("logo", "writing") stays;
/// 3. *visually incoherent*: its group has at least `minimumJudgedGroup` distinct segments and
///    their spread around the group's element-wise median (the group filter's measure,
///    `mean(1 − cos)`), divided by the spread of as many segments drawn at random from the whole
///    base set, is too close to 1. Initial pairing gives an abstract phrase whatever segment
///    CLIP finds closest, so its group is nearly as spread as a random one; a class's group is
///    tighter. How much tighter depends on the visual encoder and the data, so the build
///    calibrates itself: `reference` is the median ratio of the judged groups whose senses are
///    almost all things (`physicalShare ≥ referencePhysicalShare`: "man", "dog", "car"), and a
///    root is dropped when `ratio ≥ reference + (1 − reference) · margin`, with
///    `margin = abstractMargin + (physicalMargin − abstractMargin) · physicalShare`: a root whose
///    senses are mostly abstract or positional ("background", "left") needs to lie only a
///    quarter of the way from a typical class to random, one whose senses are all things three
///    quarters. Roots WordNet does not know count as half physical. With fewer than
///    `minimumReferenceGroups` reference groups the reference is `fallbackReference`.
///
/// 4. *small and less coherent than a class*: a group of `minimumSmallGroup` up to
///    `minimumJudgedGroup − 1` members says too little to compare with the typical class (a
///    real class's group of six can look random when two of its phrases were hallucinated),
///    so there the rule asks for more evidence: at most half of the root's senses are things,
///    and its ratio lies above the typical class's by `smallGroupDeviations` standard
///    deviations of a random draw's ratio at that size (and above the large-group threshold).
///    Frequency counts as evidence too, as in the paper: for a root in the head of the count
///    curve (before its Kneedle knee) one deviation suffices, the large-group floor is waived
///    and up to three quarters of its senses may be things (the meta word "picture" is half
///    things in WordNet). This drops the abstract head of small builds ("front", "background" with seven
///    members) and keeps rare things ("dog") and coherent places ("park").
///
/// Smaller groups that are not lexically abstract are kept: a rare root costs few pairs.
public struct AbstractRootFilter: AmbiguousRootFilter {
    public var minimumJudgedGroup: Int
    public var minimumSmallGroup: Int
    public var smallGroupDeviations: Double
    public var abstractMargin: Double
    public var physicalMargin: Double
    public var referencePhysicalShare: Double
    public var minimumReferenceGroups: Int
    public var fallbackReference: Double
    /// Random draws per group size for the random-spread baseline.
    public var baselineDraws: Int
    public var seed: UInt64
    public var alwaysDrop: Set<String>
    public var alwaysKeep: Set<String>
    public var median: MedianConvention
    public var threads: Int
    /// The WordNet database; loaded from its default folder when nil.
    public var nouns: WordNetNouns?

    public init(minimumJudgedGroup: Int = 8, minimumSmallGroup: Int = 3, smallGroupDeviations: Double = 2,
                abstractMargin: Double = 0.5, physicalMargin: Double = 0.9,
                referencePhysicalShare: Double = 0.9, minimumReferenceGroups: Int = 3, fallbackReference: Double = 0.5,
                baselineDraws: Int = 16, seed: UInt64 = 0x5EED, alwaysDrop: Set<String> = [],
                alwaysKeep: Set<String> = [], median: MedianConvention = .meanOfMiddles, threads: Int = 2,
                nouns: WordNetNouns? = nil) {
        self.minimumJudgedGroup = minimumJudgedGroup
        self.minimumSmallGroup = minimumSmallGroup
        self.smallGroupDeviations = smallGroupDeviations
        self.abstractMargin = abstractMargin
        self.physicalMargin = physicalMargin
        self.referencePhysicalShare = referencePhysicalShare
        self.minimumReferenceGroups = minimumReferenceGroups
        self.fallbackReference = fallbackReference
        self.baselineDraws = baselineDraws
        self.seed = seed
        self.alwaysDrop = alwaysDrop
        self.alwaysKeep = alwaysKeep
        self.median = median
        self.threads = threads
        self.nouns = nouns
    }

    public var provenanceDescription: String {
        "abstract-roots min_group=\(minimumJudgedGroup) margin=\(abstractMargin)..\(physicalMargin)"
            + (alwaysDrop.isEmpty ? "" : " drop=\(alwaysDrop.count)") + (alwaysKeep.isEmpty ? "" : " keep=\(alwaysKeep.count)")
    }

    /// Why a root was dropped or kept, for reports and tests.
    public enum Verdict: Sendable, Equatable {
        case keptByList, droppedByList, lexicallyAbstract
        /// `ratio` = group spread / random spread, compared with `threshold`.
        case judged(ratio: Double, threshold: Double, dropped: Bool)
        /// A small group: `ratio` compared with `bound` (the typical class's ratio plus
        /// `smallGroupDeviations` random-draw deviations at that size), for a root of few things.
        case judgedSmall(ratio: Double, bound: Double, dropped: Bool)
        case tooFewToJudge

        public var drops: Bool {
            switch self {
            case .droppedByList, .lexicallyAbstract: true
            case .judged(_, _, let dropped), .judgedSmall(_, _, let dropped): dropped
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
        guard minimumJudgedGroup >= 2, minimumSmallGroup >= 2, smallGroupDeviations >= 0, baselineDraws >= 1,
              (0...1).contains(abstractMargin), (0...1).contains(physicalMargin), (0...1).contains(fallbackReference) else {
            throw .invalidParameter(name: "abstract-root filter",
                                    value: "minimum group \(minimumJudgedGroup), draws \(baselineDraws), margins \(abstractMargin)/\(physicalMargin)",
                                    expected: "a minimum group of at least 2, at least one draw, margins and reference in [0, 1]")
        }
        let wordNet: WordNetNouns
        do { wordNet = try nouns ?? WordNetNouns.shared() } catch {
            throw .invalidParameter(name: "WordNet", value: "\(error)", expected: "the WordNet database (Debian's wordnet-base)")
        }
        let spread = GroupSpread(median: median, threads: threads)
        let spreads = spread.spreads(of: groups, base: base)
        let sizes = (0..<groups.groupCount).map { groups.starts[$0 + 1] - groups.starts[$0] }
        let judgedSizes = Set(sizes.filter { $0 >= min(minimumSmallGroup, minimumJudgedGroup) })
        let baseline = spread.randomSpreads(sizes: judgedSizes, draws: baselineDraws, pairs: groups, base: base, seed: seed)

        let profiles = (0..<groups.groupCount).map { wordNet.profile(of: base.roots[Int(groups.root(ofGroup: $0))]) }
        let ratios = (0..<groups.groupCount).map { g -> Double? in
            guard let random = baseline[sizes[g]], random.mean > 0 else { return nil }
            return spreads[g] / random.mean
        }
        let referenceRatios = (0..<groups.groupCount).compactMap { g -> Double? in
            guard sizes[g] >= minimumJudgedGroup, let ratio = ratios[g], let p = profiles[g],
                  p.physical >= referencePhysicalShare else { return nil }
            return ratio
        }.sorted()
        let reference = referenceRatios.count >= minimumReferenceGroups
            ? referenceRatios[referenceRatios.count / 2] : fallbackReference
        let headRoots = Set(RootFilterResult.countHead(of: RootFilterResult.rankedRoots(groups, base: base)).map(\.id))
        let inCountHead = (0..<groups.groupCount).map { headRoots.contains(Int(groups.root(ofGroup: $0))) }

        return (0..<groups.groupCount).map { g in
            let root = base.roots[Int(groups.root(ofGroup: g))]
            if alwaysKeep.contains(root) { return .keptByList }
            if alwaysDrop.contains(root) { return .droppedByList }
            let lexicallyAbstract = profiles[g].map { $0.physical == 0 && $0.location == 0 } ?? false
            if lexicallyAbstract && sizes[g] < minimumJudgedGroup { return .lexicallyAbstract }
            guard let ratio = ratios[g], let random = baseline[sizes[g]] else { return .tooFewToJudge }
            let physical = profiles[g]?.physical ?? 0.5
            let margin = abstractMargin + (physicalMargin - abstractMargin) * physical
            let threshold = reference + (1 - reference) * margin
            if sizes[g] < minimumJudgedGroup {
                let deviation = random.standardDeviation / random.mean
                let bound = inCountHead[g] ? reference + deviation : max(threshold, reference + smallGroupDeviations * deviation)
                let fewThings = physical <= (inCountHead[g] ? 0.75 : 0.5)
                return .judgedSmall(ratio: ratio, bound: bound, dropped: fewThings && ratio >= bound)
            }
            return .judged(ratio: ratio, threshold: threshold, dropped: ratio >= threshold)
        }
    }
}
