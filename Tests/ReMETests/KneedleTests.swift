import Testing
@testable import ReME

@Suite struct KneedleTests {
    @Test func findsTheFirstPointOfTheFlatPart() {
        let counts: [Double] = [1000, 950, 900, 120, 110, 100, 95, 90, 80, 70, 60, 50]
        #expect(Kneedle.kneeOfDescendingCurve(counts) == 3)
    }

    @Test func handComputedDifferenceCurve() {
        // x = 0, .25, .5, .75, 1; ŷ = 1, .2, .1, .05, 0 → d = 0, .55, .4, .2, 0
        #expect(Kneedle.kneeOfDescendingCurve([21, 5, 3, 2, 1]) == 1)
    }

    @Test func edgeCasesGiveNoKnee() {
        #expect(Kneedle.kneeOfDescendingCurve([]) == nil)
        #expect(Kneedle.kneeOfDescendingCurve([5, 1]) == nil)
        #expect(Kneedle.kneeOfDescendingCurve([4, 4, 4, 4]) == nil)
        // A straight line and a concave curve have no point below the chord.
        #expect(Kneedle.kneeOfDescendingCurve([4, 3, 2, 1]) == nil)
        #expect(Kneedle.kneeOfDescendingCurve([10, 9.9, 9.5, 8, 0]) == nil)
        #expect(Kneedle.kneeOfDescendingCurve([21, 5, 3, 2, 1], minimumDifference: 0.6) == nil)
    }
}

@Suite struct AmbiguousLabelFilterTests {
    @Test func dropsTheAbnormallyFrequentRoots() throws {
        var base = BaseSet(featureDimension: 1)
        var segment: Int32 = 0
        func add(_ root: String, segments: Int, _ base: inout BaseSet) throws {
            let p = base.phraseID(RootedPhrase(text: "the \(root)", root: root))
            for _ in 0..<segments {
                let s = try [Float(1)].withUnsafeBufferPointer { try base.appendSegment($0) }
                base.pairs.append(segment: s, phrase: p, score: 0)
                // A second phrase of the same root on the same segment counts once.
                base.pairs.append(segment: s, phrase: p, score: 0)
                segment += 1
            }
        }
        try add("scene", segments: 90, &base)
        try add("image", segments: 80, &base)
        for (i, root) in ["cat", "dog", "tree", "sky", "road", "car", "grass", "person"].enumerated() {
            try add(root, segments: 12 - i, &base)
        }
        let result = AmbiguousLabelFilter().apply(to: base.pairs, in: base)
        #expect(result.droppedRoots == ["scene", "image"])
        #expect(result.rankedCounts.first?.count == 90)
        #expect(result.pairs.count == base.pairs.count - 2 * (90 + 80))
        let survivingRoots = Set(result.pairs.phrase.map { base.phrase($0).root })
        #expect(!survivingRoots.contains("scene") && survivingRoots.contains("person"))
    }
}
