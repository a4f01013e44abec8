import Testing
@testable import ReME
import ReMEText
import ReMETestSupport

@Suite struct LexicalSynonymTests {
    /// Roots whose CLIP vectors are random, except true pairs which are close.
    static let vocabulary = ["automobile", "car", "cat", "dog", "grass", "kitten", "man", "person", "puppy", "sea",
                             "sky", "sofa", "couch", "tomato", "woman"]

    static func encoder() -> TableTextEncoder {
        var rng = SeededGenerator(seed: 4)
        var table: [String: [Float]] = [:]
        for w in vocabulary { table[w] = normalized(rng.gaussianVector(16)) }
        func near(_ a: String, _ b: String) {
            table[a] = normalized(zip(table[b] ?? [], rng.gaussianVector(16)).map { $0 + 0.15 * $1 })
        }
        near("automobile", "car"); near("puppy", "dog"); near("couch", "sofa"); near("kitten", "cat")
        near("man", "person"); near("woman", "person")
        return TableTextEncoder(embeddingDimension: 16, table: table)
    }

    static func described(_ links: [SynonymLink]) -> Set<String> {
        let sorted = vocabulary.sorted()
        return Set(links.map { "\(sorted[$0.from])\($0.bothWays ? "~" : "→")\(sorted[$0.to])" })
    }

    static let withHypernyms = SemanticEnhancement(rule: .lexical(maxHypernymSteps: 2, clipPercentile: 0.9, visualNeighbours: 3))

    @Test func wordNetSynonymsOnlyByDefault() throws {
        let links = try SemanticEnhancement().synonymLinks(Self.vocabulary.sorted(), textEncoder: Self.encoder())
        #expect(Self.described(links) == ["automobile~car", "couch~sofa"])
    }

    @Test func hypernymLinksAreOptInAndDirected() throws {
        let links = try Self.withHypernyms.synonymLinks(Self.vocabulary.sorted(), textEncoder: Self.encoder())
        #expect(Self.described(links) == ["automobile~car", "couch~sofa", "puppy→dog", "man→person", "woman→person"])
    }

    @Test func theGroupsMustLookAlike() throws {
        // Couch and sofa are WordNet synonyms and CLIP agrees; the link stands only where each
        // root's segments are among the other's three nearest groups.
        let sorted = Self.vocabulary.sorted()
        func links(couchLooksLikeSofa: Bool) throws -> Set<String> {
            var rng = SeededGenerator(seed: 9)
            var base = BaseSet(featureDimension: 8)
            var rows: [String: [Float]] = [:]
            for root in sorted { rows[root] = normalized(rng.gaussianVector(8)) }
            if couchLooksLikeSofa { rows["couch"] = rows["sofa"] }
            for root in sorted {
                let s = try (rows[root] ?? []).withUnsafeBufferPointer { try base.appendSegment($0) }
                base.pairs.append(segment: s, phrase: base.phraseID(RootedPhrase(text: root, root: root)), score: 0)
            }
            let centres = try SemanticEnhancement.centres(of: sorted.map { base.rootID($0) }, pairs: base.pairs, base: base)
            return Self.described(try SemanticEnhancement().synonymLinks(sorted, textEncoder: Self.encoder(), visualCentres: { centres }))
        }
        #expect(try links(couchLooksLikeSofa: true).contains("couch~sofa"))
        #expect(try !links(couchLooksLikeSofa: false).contains("couch~sofa"))
    }

    @Test func clipMustAgree() throws {
        // With every vector random, WordNet's pairs fall below the median cosine about half the time.
        let random = TableTextEncoder(embeddingDimension: 16, table: [:])
        let strict = SemanticEnhancement(rule: .lexical(maxHypernymSteps: 2, clipPercentile: 1.0, visualNeighbours: 0))
        #expect(try strict.synonymLinks(Self.vocabulary.sorted(), textEncoder: random).count <= 1)
    }

    @Test func copiesGoFromHyponymToHypernymOnly() throws {
        var base = BaseSet(featureDimension: 1)
        for (i, (text, root)) in [("a small puppy", "puppy"), ("a big dog", "dog")].enumerated() {
            let s = try [Float(i)].withUnsafeBufferPointer { try base.appendSegment($0) }
            base.pairs.append(segment: s, phrase: base.phraseID(RootedPhrase(text: text, root: root)), score: 0)
        }
        let oneStep = SemanticEnhancement(rule: .lexical(maxHypernymSteps: 1, clipPercentile: 0.5, visualNeighbours: 0))
        let r = try oneStep.apply(to: base.pairs, in: &base, textEncoder: Self.encoder())
        let texts = Set(r.pairs.phrase.map { base.phrase($0).text })
        #expect(texts == ["a small puppy", "a big dog", "a small dog"])
        #expect(r.addedPairs == 1)
    }

    @Test func thePaperRuleStillPairsTheKMostSimilar() throws {
        let links = try SemanticEnhancement(kSim: 30).synonymLinks(Self.vocabulary.sorted(), textEncoder: Self.encoder())
        #expect(links.count == 30 && links.allSatisfy(\.bothWays))
    }
}
