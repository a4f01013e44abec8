import Testing
@testable import ReME
import ReMETestSupport

@Suite struct SemanticEnhancementTests {
    @Test func swapsTheRootWord() {
        #expect(SemanticEnhancement.swapRoot(in: "a small kitten", root: "kitten", with: "cat") == "a small cat")
        #expect(SemanticEnhancement.swapRoot(in: "two fluffy rabbits", root: "rabbit", with: "bunny") == "two fluffy bunny")
        #expect(SemanticEnhancement.swapRoot(in: "the traffic light pole", root: "traffic light", with: "signal")
                == "the signal pole")
        #expect(SemanticEnhancement.swapRoot(in: "a Cat", root: "cat", with: "kitten") == "a kitten")
    }

    @Test func copiesPhrasesOfTheMostSimilarRoots() throws {
        let d = 16
        var rng = SeededGenerator(seed: 5)
        let cat = normalized(rng.gaussianVector(d))
        let kitten = normalized(zip(cat, rng.gaussianVector(d)).map { $0 + 0.1 * $1 })
        let encoder = TableTextEncoder(embeddingDimension: d, table: [
            "cat": cat, "kitten": kitten, "Kitten": kitten,
            "tree": rng.gaussianVector(d), "sky": rng.gaussianVector(d),
        ])
        var base = BaseSet(featureDimension: 1)
        for (text, root) in [("a small kitten", "kitten"), ("the cat", "cat"), ("a tree", "tree"), ("blue sky", "sky")] {
            let s = try [Float(1)].withUnsafeBufferPointer { try base.appendSegment($0) }
            base.pairs.append(segment: s, phrase: base.phraseID(RootedPhrase(text: text, root: root)), score: 1)
        }
        let r = try SemanticEnhancement(kSim: 1).apply(to: base.pairs, in: &base, textEncoder: encoder)
        #expect(r.synonymPairs.count == 1)
        #expect(Set([r.synonymPairs[0].0, r.synonymPairs[0].1]) == ["cat", "kitten"])
        let added = (base.pairs.count..<r.pairs.count).map { base.phrase(r.pairs.phrase[$0]) }
        #expect(Set(added) == [RootedPhrase(text: "a small cat", root: "cat"), RootedPhrase(text: "the kitten", root: "kitten")])
        #expect(r.pairs.segment[base.pairs.count] == 0)  // the copy stays on the kitten's segment
        #expect(r.addedPairs == 2)
    }

    @Test func rootsThatDifferOnlyInCaseAreNotSynonyms() throws {
        let e = try tensor([3, 2], [1, 0, 1, 0, 0.6, 0.8])
        let top = SemanticEnhancement.mostSimilarPairs(e, texts: ["Cat", "cat", "dog"], k: 5, blockRows: 2)
        #expect(top.map { [$0.0, $0.1] } == [[0, 2], [1, 2]])
    }
}

@Suite struct PromptEnsembleTests {
    @Test func averagesNormalisedTemplateEmbeddings() throws {
        let d = 8
        var rng = SeededGenerator(seed: 9)
        var table: [String: [Float]] = [:]
        let templates = PromptEnsemble.reme.templates
        for t in templates { table[t.replacingOccurrences(of: "{}", with: "cat")] = rng.gaussianVector(d).map { $0 * 3 } }
        let encoder = TableTextEncoder(embeddingDimension: d, table: table)
        let e = try PromptEnsemble(templates: templates, batchSize: 3).embed(["cat", "dog"], with: encoder)
        var expected = [Float](repeating: 0, count: d)
        for t in templates {
            let v = normalized(table[t.replacingOccurrences(of: "{}", with: "cat")]!)
            for j in 0..<d { expected[j] += v[j] }
        }
        #expect(e.shape == [2, d])
        #expect(maxAbsDifference(Array(e.scalars[0..<d]), normalized(expected)) < 1e-5)
    }
}

@Suite struct InitialPairingTests {
    @Test func eachPhraseTakesItsMostSimilarSegment() throws {
        let crops = try tensor([3, 2], [1, 0, 0, 1, 0.6, 0.8])
        let phrases = try tensor([3, 2], [0, 1, 1, 0, 0.1, 0.99])
        let visual = try tensor([3, 1], [10, 20, 30])
        let list = [RootedPhrase(text: "a", root: "a"), RootedPhrase(text: "b", root: "b"), RootedPhrase(text: "c", root: "c")]
        let r = try InitialPairing.pair(cropEmbeddings: crops, phraseEmbeddings: phrases, visualFeatures: visual, phrases: list)
        #expect(r.keptSegmentIndices == [0, 1])
        #expect(r.segmentFeatures.scalars == [10, 20])
        #expect(r.pairedSegment == [1, 0, 1])
        #expect(r.pairScore == [1, 1, Float(0.99)])
        var base = BaseSet(featureDimension: 1)
        try base.append(r)
        #expect(base.segmentCount == 2 && base.pairs.count == 3)
        #expect(throws: MethodError.self) {
            try InitialPairing.pair(cropEmbeddings: crops, phraseEmbeddings: visual, visualFeatures: visual, phrases: list)
        }
    }
}
