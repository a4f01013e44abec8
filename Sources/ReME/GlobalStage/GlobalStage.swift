import ReMETensor

/// Which global-stage steps run (docs/specification.md, Part 1 steps 5–8) and with which settings.
public struct GlobalStageConfiguration: Sendable {
    /// Step 5; `AbstractRootFilter` by default, `AmbiguousLabelFilter` is the paper's Kneedle.
    public var ambiguousFilter: (any AmbiguousRootFilter)?
    public var groupFilter: GroupFilter?
    /// The cross-modal baseline (Table 3); off by default.
    public var clipScoreFilter: ClipScoreFilter?
    public var enhancement: SemanticEnhancement?
    public var prompts: PromptEnsemble

    /// Pairs the group filter rejects get a second chance under the label whose group they
    /// resemble (the paper's section D plug-in); off by default.
    public var reassignment: LabelReassignment?

    public init(ambiguousFilter: (any AmbiguousRootFilter)? = AbstractRootFilter(),
                groupFilter: GroupFilter? = GroupFilter(),
                clipScoreFilter: ClipScoreFilter? = nil,
                enhancement: SemanticEnhancement? = SemanticEnhancement(),
                reassignment: LabelReassignment? = nil,
                prompts: PromptEnsemble = .reme) {
        self.reassignment = reassignment
        self.ambiguousFilter = ambiguousFilter
        self.groupFilter = groupFilter
        self.clipScoreFilter = clipScoreFilter
        self.enhancement = enhancement
        self.prompts = prompts
    }

    /// The base set as stored, with no filtering or enhancement.
    public static let baseOnly = GlobalStageConfiguration(ambiguousFilter: nil, groupFilter: nil, enhancement: nil)
}

/// Runs the global stage over a base set and assembles the reference set.
public enum GlobalStage {
    public static func run(
        _ input: BaseSet, textEncoder: some TextEncoder,
        configuration: GlobalStageConfiguration = GlobalStageConfiguration(),
        provenance: [String: String] = [:]
    ) throws -> ReferenceSet {
        var base = input
        var stats = StageStatistics()
        stats.images = base.imageCount
        stats.basePairs = base.pairs.count
        stats.baseSegments = Set(base.pairs.segment).count
        var pairs = base.pairs

        if let filter = configuration.ambiguousFilter {
            let r = try filter.apply(to: pairs, in: base)
            stats.ambiguousRemovedPairs = pairs.count - r.pairs.count
            stats.ambiguousDroppedRoots = r.droppedRoots
            pairs = r.pairs
        }
        if let filter = configuration.groupFilter {
            let r = try filter.apply(to: pairs, in: base)
            stats.groupRemovedPairs = pairs.count - r.pairs.count
            if let reassignment = configuration.reassignment {
                let added = try reassignment.apply(rejected: r.rejected, kept: r.pairs, in: &base)
                stats.reassignedPairs = added.count
                pairs = r.pairs
                for i in 0..<added.count { pairs.append(segment: added.segment[i], phrase: added.phrase[i], score: 0) }
            } else {
                pairs = r.pairs
            }
        }
        if let filter = configuration.clipScoreFilter {
            let r = try filter.apply(to: pairs, in: base)
            stats.clipScoreRemovedPairs = pairs.count - r.count
            pairs = r
        }
        if let enhancement = configuration.enhancement {
            let r = try enhancement.apply(to: pairs, in: &base, textEncoder: textEncoder)
            stats.enhancementAddedPairs = r.addedPairs
            stats.synonymPairs = r.synonymPairs.map { [$0.0, $0.1] }
            pairs = r.pairs
        }
        guard pairs.count > 0 else { throw MethodError.emptyReferenceSet }
        return try assemble(pairs: pairs, base: base, textEncoder: textEncoder,
                            prompts: configuration.prompts, statistics: stats, provenance: provenance)
    }

    /// Renumbers the surviving segments (ascending id) and phrases (ascending id), gathers
    /// `S_ref`, builds `O_ref` and embeds the phrases.
    static func assemble(
        pairs: PairTable, base: BaseSet, textEncoder: some TextEncoder, prompts: PromptEnsemble,
        statistics: StageStatistics, provenance: [String: String]
    ) throws -> ReferenceSet {
        var segmentRow = [Int32](repeating: -1, count: base.segmentCount)
        var phraseColumn = [Int32](repeating: -1, count: base.phraseCount)
        for s in pairs.segment { segmentRow[Int(s)] = 0 }
        for p in pairs.phrase { phraseColumn[Int(p)] = 0 }
        var segments: [Int] = []
        for i in 0..<base.segmentCount where segmentRow[i] == 0 {
            segmentRow[i] = Int32(segments.count)
            segments.append(i)
        }
        var phraseIDs: [Int] = []
        for i in 0..<base.phraseCount where phraseColumn[i] == 0 {
            phraseColumn[i] = Int32(phraseIDs.count)
            phraseIDs.append(i)
        }
        let d1 = base.featureDimension
        var sRef = Tensor(uninitialized: [segments.count, d1])
        sRef.withUnsafeMutableBufferPointer { dst in
            base.features.withUnsafeBufferPointer { src in
                for (row, s) in segments.enumerated() {
                    (dst.baseAddress! + row * d1).update(from: src.baseAddress! + s * d1, count: d1)
                }
            }
        }
        sRef.l2NormalizeRowsInPlace()
        let csr = CSRAssignment(rows: segments.count, columns: phraseIDs.count,
                                pairs: (0..<pairs.count).map {
                                    (row: segmentRow[Int(pairs.segment[$0])], column: phraseColumn[Int(pairs.phrase[$0])])
                                })
        let texts = phraseIDs.map { base.phraseTexts[$0] }
        let roots = phraseIDs.map { base.roots[Int(base.phraseRoot[$0])] }
        let lRef = try prompts.embed(texts, with: textEncoder)
        var stats = statistics
        stats.finalSegments = segments.count
        stats.finalPhrases = phraseIDs.count
        stats.finalPairs = csr.nonZeroCount
        return try ReferenceSet(segmentEmbeddings: sRef, labelEmbeddings: lRef, assignment: csr,
                                phrases: texts, roots: roots, statistics: stats, provenance: provenance)
    }
}
