import Testing
@testable import ReME

@Suite struct GlobalStageTests {
    @Test func statisticsAddUpAndAssignmentIsConsistent() throws {
        let base = try SyntheticWorldTests.sharedBase.get()
        let r = try GlobalStage.run(base, textEncoder: SyntheticWorldTests.text, configuration: .init(
            enhancement: SemanticEnhancement(kSim: 4)), provenance: ["captioner": "toy"])
        let s = r.statistics
        #expect(s.basePairs == base.pairs.count && s.images == 300)
        #expect(s.finalPairs == s.basePairs - s.ambiguousRemovedPairs - s.groupRemovedPairs + s.enhancementAddedPairs)
        #expect(r.segmentCount == s.finalSegments && r.phraseCount == s.finalPhrases)
        #expect(r.segmentEmbeddings.shape == [r.segmentCount, 24] && r.labelEmbeddings.shape == [r.phraseCount, 64])
        // Every segment keeps at least one phrase and every phrase is used.
        #expect(zip(r.assignment.indptr, r.assignment.indptr.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(r.assignment.indices).count == r.phraseCount)
        #expect(!r.roots.contains("scene") && r.roots.contains("kitten"))
        #expect(r.provenance["captioner"] == "toy")
    }

    @Test func everythingFilteredIsAnError() throws {
        var base = BaseSet(featureDimension: 1)
        #expect(throws: MethodError.emptyReferenceSet) {
            try GlobalStage.run(base, textEncoder: ToyTextEncoder(), configuration: .baseOnly)
        }
        _ = base.rootID("unused")
    }

    @Test func csrValidation() throws {
        #expect(throws: MethodError.self) { try CSRAssignment(indptr: [0, 2], indices: [0], columnCount: 1) }
        #expect(throws: MethodError.self) { try CSRAssignment(indptr: [0, 1], indices: [3], columnCount: 2) }
        #expect(throws: MethodError.self) { try CSRAssignment(indptr: [0, 2, 1], indices: [0], columnCount: 2) }
        let ok = CSRAssignment(rows: 2, columns: 3, pairs: [(1, 2), (0, 1), (1, 2), (1, 0)])
        #expect(ok.indptr == [0, 1, 3] && ok.indices == [1, 0, 2])
    }

    @Test func masksAreValidated() throws {
        #expect(throws: MethodError.self) { try SegmentMasks(width: 2, height: 2, labels: [0, 1, 2]) }
        #expect(throws: MethodError.self) { try SegmentMasks(width: 1, height: 2, labels: [0, -1]) }
        #expect(try SegmentMasks(width: 2, height: 1, labels: [0, 3]).count == 4)
        #expect(throws: MethodError.self) { try SegmentMasks(width: 2, height: 2, weights: Tensor(zeros: [3, 5])) }
    }

    @Test func classEmbeddingsAreCachedPerLabelList() throws {
        let cache = ClassEmbeddingCache()
        let a = try cache.embeddings(for: ["cat", "dog"], encoder: ToyTextEncoder())
        let b = try cache.embeddings(for: ["cat", "dog"], encoder: ToyTextEncoder())
        _ = try cache.embeddings(for: ["dog", "cat"], encoder: ToyTextEncoder())
        #expect(a.scalars == b.scalars && cache.count == 2)
    }
}
