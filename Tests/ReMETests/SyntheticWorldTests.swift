import Testing
import ReME

/// End-to-end checks of the method on `SyntheticWorld` (issue 6 item 6): the paper's
/// ablation orders must hold where the truth is known.
@Suite struct SyntheticWorldTests {
    static let world = SyntheticWorld()
    static let text = ToyTextEncoder()
    static let crops = ToyCropEncoder()
    static let regions = ToyRegionEncoder()
    static let classNames = SyntheticWorld.classes.map(\.name)

    /// Built once per test process and shared by the tests below.
    static let sharedBase: Result<BaseSet, any Error> = Result { try baseSet(images: 0..<300) }

    static func baseSet(images: Range<Int>) throws -> BaseSet {
        var base = BaseSet(featureDimension: regions.featureDimension)
        let pairer = SegmentPhrasePairer(cropEncoder: crops, textEncoder: text, regionEncoder: regions)
        for n in images {
            let image = try world.image(n)
            try base.append(try pairer.encodeAndPair(image: image.pixels, masks: image.masks, phrases: image.phrases))
        }
        return base
    }

    static func heldOutMIoU(_ reference: ReferenceSet, configuration: RetrievalConfiguration = .init(),
                            budget: Int = 1 << 28) throws -> Double {
        let engine = RetrievalEngine(index: try ReferenceIndex(reference), configuration: configuration)
        let classifier = RetrievalClassifier(engine: engine, regionEncoder: regions, textEncoder: text, referenceClassBudget: budget)
        return try heldOutMIoU(SegmentLabeler(classifier: classifier))
    }

    static func heldOutMIoU(_ labeler: SegmentLabeler) throws -> Double {
        var metric = IoUMetric(classCount: classNames.count)
        for n in 10_000..<10_060 {
            let image = try world.image(n)
            try metric.add(prediction: try labeler.predict(image: image.pixels, masks: image.masks, labels: classNames),
                           groundTruth: image.groundTruth)
        }
        return metric.summary.mIoU
    }

    static let enhancement = SemanticEnhancement(kSim: 4)  // the world has 4 synonym pairs

    @Test func filteringAndEnhancementImproveInTheOrderOfTable2() throws {
        let base = try Self.sharedBase.get()
        let baseOnly = try GlobalStage.run(base, textEncoder: Self.text, configuration: .baseOnly)
        let grouped = try GlobalStage.run(base, textEncoder: Self.text, configuration: .init(
            ambiguousFilter: nil, groupFilter: GroupFilter(), enhancement: nil))
        let full = try GlobalStage.run(base, textEncoder: Self.text, configuration: .init(
            ambiguousFilter: AmbiguousLabelFilter(), groupFilter: GroupFilter(), enhancement: Self.enhancement))
        let m0 = try Self.heldOutMIoU(baseOnly), m1 = try Self.heldOutMIoU(grouped), m2 = try Self.heldOutMIoU(full)
        // Without the cached O_ref·A2 (budget 0) the segmenter gives the same result.
        #expect(abs(try Self.heldOutMIoU(full, budget: 0) - m2) < 1e-9)
        print("synthetic mIoU base \(m0) +group \(m1) +filtering+enhancement \(m2)")
        #expect(m0 + 5 < m1)
        #expect(m1 + 10 < m2)
        #expect(full.statistics.synonymPairs.map { Set($0) }.contains(["cat", "kitten"]))
    }

    @Test func retrievalBeatsTheZeroReferenceBaseline() throws {
        let full = try GlobalStage.run(try Self.sharedBase.get(), textEncoder: Self.text,
                                       configuration: .init(enhancement: Self.enhancement))
        let zero = try Self.heldOutMIoU(.zeroReference(cropEncoder: Self.crops, textEncoder: Self.text))
        let reme = try Self.heldOutMIoU(full)
        print("synthetic mIoU zero-reference \(zero) ReME \(reme)")
        #expect(zero > 0 && reme > zero + 10)
    }

    @Test func abstractRootsAreRemovedByTheKneeFilter() throws {
        let base = try Self.sharedBase.get()
        let r = AmbiguousLabelFilter().apply(to: base.pairs, in: base)
        #expect(Set(r.droppedRoots) == ["scene", "image", "background"])
    }

    @Test func visualGroupFilteringBeatsClipScoreFilteringAtTheSameRate() throws {
        let base = try Self.sharedBase.get()
        let visual = try GlobalStage.run(base, textEncoder: Self.text, configuration: .init(
            groupFilter: GroupFilter(rate: .fixed(0.3)), enhancement: Self.enhancement))
        let clip = try GlobalStage.run(base, textEncoder: Self.text, configuration: .init(
            groupFilter: nil, clipScoreFilter: ClipScoreFilter(rate: 0.3), enhancement: Self.enhancement))
        let mv = try Self.heldOutMIoU(visual), mc = try Self.heldOutMIoU(clip)
        print("synthetic mIoU visual group filter \(mv) CLIP-score filter \(mc)")
        #expect(mv > mc + 3)
        #expect(visual.statistics.groupRemovedPairs > 0 && clip.statistics.clipScoreRemovedPairs > 0)
    }
}
