import Testing
import ReME

/// The global stage on worlds with real caption statistics (issue 11, point 5).
///
/// Each world draws its captions from `Tests/Fixtures/method/root_statistics.tsv` (see
/// `RealisticWorld`). The tests hold `GlobalStageConfiguration()`, whatever its defaults are
/// when they run, to what a good method must do there: drop the frequent abstract words,
/// keep the class words, make no unrelated synonyms, and beat both the base set and the
/// paper-exact settings on held-out images. The last test shows the paper-exact settings
/// failing on these statistics. Every measurement is printed as Markdown tables.
@Suite(.serialized) struct RealisticWorldTests {
    /// Share of the oracle's held-out mIoU gain over the base set (abstract roots dropped by
    /// their labels, then group filtering) that the defaults must reach: half from 500 images
    /// up, a quarter below, where the oracle itself gains only 3–5 points and one held-out
    /// draw moves the share by ±10 % (measured shares: docs/method.md).
    static func shareOfOracleGain(_ c: RealisticWorldCase) -> Double { c.referenceImages >= 500 ? 0.5 : 0.25 }
    /// mIoU points the defaults must gain over the paper-exact settings wherever those fail
    /// (drop a class word or make an unrelated synonym pair); elsewhere they may lose at most
    /// this much.
    static let gainOverPaperWhereItFails = 1.0

    @Test(arguments: RealisticWorldCase.allCases)
    func defaultsDropTheAbstractHead(_ c: RealisticWorldCase) throws {
        if c.referenceImages >= 500 {
            let m = try RealisticMeasurement.of(c)
            let head = m.abstractHead()
            let kept = head.filter { m.defaults.finalRoots.contains($0) }
            print("[\(c.testDescription)] abstract head (\(head.count)): \(StageReport.list(head)); kept by the defaults: \(StageReport.list(kept))")
            #expect(kept.isEmpty, "abstract roots among the 25 most frequent left in the reference set: \(kept)")
            return
        }
        // Below 500 images a head root has 4–10 segments, and whether so few look random is a
        // matter of the draw; judged over three world seeds: at least 80 % of the head roots and
        // 85 % of their pairs dropped (the usual miss: "picture", half a thing in WordNet).
        var headRoots = 0, keptRoots = 0, headPairs = 0, keptPairs = 0
        for seed: UInt64 in 1...3 {
            let m = try RealisticMeasurement.of(c, seed: seed)
            let head = m.abstractHead()
            let kept = head.filter { m.defaults.finalRoots.contains($0) }
            let pairs = m.bench.basePairCounts()
            headRoots += head.count
            keptRoots += kept.count
            headPairs += head.reduce(0) { $0 + (pairs[$1] ?? 0) }
            keptPairs += kept.reduce(0) { $0 + (pairs[$1] ?? 0) }
            print("[\(c.testDescription), seed \(seed)] abstract head (\(head.count)): \(StageReport.list(head)); kept: \(StageReport.list(kept))")
        }
        #expect(Double(keptRoots) <= 0.2 * Double(headRoots), "\(keptRoots) of \(headRoots) head roots kept over three seeds")
        #expect(Double(keptPairs) <= 0.15 * Double(headPairs), "\(keptPairs) of \(headPairs) head pairs kept over three seeds")
    }

    @Test(arguments: RealisticWorldCase.allCases)
    func defaultsKeepEstablishedClassWords(_ c: RealisticWorldCase) throws {
        let m = try RealisticMeasurement.of(c)
        let established = m.establishedConcreteRoots()
        let lost = established.filter { !m.defaults.finalRoots.contains($0) }
        print("[\(c.testDescription)] concrete roots with ≥ 16 segments: \(established.count); dropped by the defaults: \(StageReport.list(lost))")
        #expect(lost.isEmpty, "class words with ≥ 16 base-set segments missing from the reference set: \(lost)")
    }

    @Test(arguments: RealisticWorldCase.allCases)
    func defaultsMakeNoUnrelatedSynonyms(_ c: RealisticWorldCase) throws {
        let m = try RealisticMeasurement.of(c)
        let unrelated = m.defaults.unrelatedSynonymPairs.map { $0.joined(separator: "~") }
        print("[\(c.testDescription)] synonym pairs \(m.defaults.synonymPairs.count), unrelated: \(StageReport.list(unrelated))")
        #expect(unrelated.isEmpty, "synonym pairs between roots of different visual classes: \(unrelated)")
    }

    @Test(arguments: RealisticWorldCase.allCases)
    func defaultsBeatTheBaseSetAndThePaperOnHeldOutImages(_ c: RealisticWorldCase) throws {
        let m = try RealisticMeasurement.of(c)
        print(m.rendered())
        let base = m.baseRow.mIoU, defaults = m.defaults.finalMIoU, paper = m.paper.finalMIoU
        let wanted = base + Self.shareOfOracleGain(c) * (m.oracleRow.mIoU - base)
        #expect(defaults >= wanted, "defaults \(defaults) vs base set \(base) and oracle \(m.oracleRow.mIoU): want ≥ \(wanted)")
        let paperFails = !m.paper.unrelatedSynonymPairs.isEmpty
            || m.establishedConcreteRoots().contains { !m.paper.finalRoots.contains($0) }
        if paperFails {
            #expect(defaults >= paper + Self.gainOverPaperWhereItFails,
                    "defaults \(defaults) vs paper-exact \(paper): want ≥ +\(Self.gainOverPaperWhereItFails)")
        } else {
            #expect(defaults >= paper - Self.gainOverPaperWhereItFails, "defaults \(defaults) fall behind the paper-exact settings \(paper)")
        }
    }

    /// Documents the paper's failure on real statistics: Kneedle's knee lies among the
    /// frequent class words of Flickr30k captions, and the top-30 synonym rule pairs unrelated
    /// roots in a small vocabulary.
    @Test func paperExactSettingsFailOnRealCaptionStatistics() throws {
        let flickr = try RealisticMeasurement.of(.flickr500)
        let droppedPeople = flickr.paper.concreteDropped.filter { ["man", "woman", "person", "people"].contains($0) }
        print("paper-exact on Flickr30k statistics (500 images) drops \(flickr.paper.concreteDropped.count) concrete roots: \(StageReport.list(flickr.paper.concreteDropped))")
        #expect(droppedPeople.contains("man") || droppedPeople.contains("person"))
        #expect(flickr.paper.finalMIoU < flickr.baseRow.mIoU, "the paper's stages end below the unfiltered base set")

        for c in [RealisticWorldCase.flickr50, .llava50] {
            let small = try RealisticMeasurement.of(c)
            print("paper-exact k_sim = 30, \(c.testDescription): \(StageReport.list(small.paper.unrelatedSynonymPairs.map { $0.joined(separator: "~") }))")
            #expect(!small.paper.unrelatedSynonymPairs.isEmpty)
        }
        // Even after a perfect ambiguous filter (only concrete roots left) the top-30 rule pairs
        // class words of different classes in the small LLaVA vocabulary (Flickr30k's has
        // enough true synonyms of man/woman/child to fill the 30).
        let small = try RealisticMeasurement.of(.llava50)
        var base = small.bench.concretePairsOnly()
        let r = try SemanticEnhancement(kSim: 30).apply(to: base.pairs, in: &base, textEncoder: small.bench.world.textEncoder)
        let unrelated = r.synonymPairs.map { [$0.0, $0.1] }.filter { !StageReport.related($0, small.bench.world.vocabulary) }
        let names = StageReport.list(unrelated.map { $0.joined(separator: "~") })
        print("k_sim = 30 over the concrete roots only, llava-detail, 50 images: \(unrelated.count) of \(r.synonymPairs.count) pairs unrelated: \(names)")
        #expect(unrelated.count >= 3)
    }
}
