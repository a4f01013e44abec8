import Foundation
import ReMETensor
import ReMEText

/// Step 7 of the global stage (docs/specification.md, Part 1 step 7; docs/method.md, "Semantic enhancement"): roots that mean the
/// same thing lend each other their phrases: every phrase whose root has a synonym gets a copy
/// naming the synonym, paired with the same segment.
///
/// Two rules decide which roots are synonyms:
/// - `.lexical` (default): WordNet says so — a salient sense of both is the same synset
///   ("sofa"/"couch", copied both ways), or, when `maxHypernymSteps > 0` (default 0), one root
///   is a hyponym of the other at most that many links below it ("puppy" → "dog", copied from
///   the hyponym to the hypernym only, since every puppy is a dog but not every dog a puppy) —
///   and CLIP agrees (the bare words' cosine is at least the `clipPercentile` quantile of the
///   cosines between all distinct roots) and the segments agree (each root's group centre is
///   among the other's `visualNeighbours` nearest centres; 0 turns the check off). The visual
///   check catches WordNet senses the captions do not use ("bike" is first a motorcycle in
///   WordNet, a bicycle in captions). This never pairs unrelated roots, whatever the vocabulary
///   size.
/// - `.mostSimilarPairs(k)`: the paper's rule, the `k` (`k_sim`) most similar unordered root
///   pairs by CLIP cosine, copied both ways. With a vocabulary of tens or hundreds of roots it
///   pairs unrelated ones ("dog"~"tomato").
///
/// Roots are embedded as bare words (no prompt); self-pairs and pairs whose strings agree after
/// lower-casing are excluded; ties are broken by root order. See `swapRoot` for the rewrite.
public struct SemanticEnhancement: Sendable {
    public enum SynonymRule: Sendable, Equatable {
        case lexical(maxHypernymSteps: Int, clipPercentile: Double, visualNeighbours: Int)
        case mostSimilarPairs(k: Int)
    }

    public var rule: SynonymRule
    /// Rows of the root–root similarity computed per GEMM (bounds memory to `blockRows·R`).
    public var blockRows: Int
    /// The WordNet database for `.lexical`; loaded from its default folder when nil.
    public var nouns: WordNetNouns?

    public init(rule: SynonymRule = .lexical(maxHypernymSteps: 0, clipPercentile: 0.9, visualNeighbours: 3), blockRows: Int = 1024,
                nouns: WordNetNouns? = nil) {
        self.rule = rule
        self.blockRows = blockRows
        self.nouns = nouns
    }

    /// The paper's rule with `k_sim = kSim`.
    public init(kSim: Int, blockRows: Int = 1024) {
        self.init(rule: .mostSimilarPairs(k: kSim), blockRows: blockRows)
    }

    /// `k_sim` of the paper's rule; nil under the lexical rule.
    public var kSim: Int? {
        if case .mostSimilarPairs(let k) = rule { return k }
        return nil
    }

    public var provenanceDescription: String {
        switch rule {
        case let .lexical(steps, clip, visual): "wordnet max_hypernym_steps=\(steps) clip_percentile=\(clip) visual_neighbours=\(visual)"
        case let .mostSimilarPairs(k): "k_sim=\(k)"
        }
    }

    public struct Result: Sendable {
        public var pairs: PairTable
        public var synonymPairs: [(String, String, Float)]
        public var addedPairs: Int
    }

    public func apply(to pairs: PairTable, in base: inout BaseSet, textEncoder: some TextEncoder) throws -> Result {
        guard blockRows > 0 else {
            throw MethodError.invalidParameter(name: "blockRows", value: "\(blockRows)", expected: "a positive row count")
        }
        var present = Set<Int32>()
        for p in pairs.phrase { present.insert(base.phraseRoot[Int(p)]) }
        let rootIDs = present.sorted { base.roots[Int($0)] < base.roots[Int($1)] }
        let rootTexts = rootIDs.map { base.roots[Int($0)] }
        let links = try synonymLinks(rootTexts, textEncoder: textEncoder,
                                     visualCentres: { try Self.centres(of: rootIDs, pairs: pairs, base: base) })
        guard !links.isEmpty else { return Result(pairs: pairs, synonymPairs: [], addedPairs: 0) }

        var synonyms: [Int32: [Int32]] = [:]
        for link in links {
            synonyms[rootIDs[link.from], default: []].append(rootIDs[link.to])
            if link.bothWays { synonyms[rootIDs[link.to], default: []].append(rootIDs[link.from]) }
        }
        var out = pairs
        var seen = Set<UInt64>()
        for i in 0..<pairs.count { seen.insert(Self.key(pairs.segment[i], pairs.phrase[i])) }
        var copyCache: [UInt64: Int32] = [:]
        for i in 0..<pairs.count {
            let phraseID = pairs.phrase[i]
            let root = base.phraseRoot[Int(phraseID)]
            guard let syns = synonyms[root] else { continue }
            for syn in syns {
                let cacheKey = Self.key(phraseID, syn)
                let copyID: Int32
                if let cached = copyCache[cacheKey] {
                    copyID = cached
                } else {
                    let text = Self.swapRoot(in: base.phraseTexts[Int(phraseID)], root: base.roots[Int(root)],
                                             with: base.roots[Int(syn)])
                    copyID = base.phraseID(RootedPhrase(text: text, root: base.roots[Int(syn)]))
                    copyCache[cacheKey] = copyID
                }
                if seen.insert(Self.key(pairs.segment[i], copyID)).inserted {
                    out.append(segment: pairs.segment[i], phrase: copyID, score: 0)
                }
            }
        }
        return Result(pairs: out, synonymPairs: links.map { (rootTexts[$0.from], rootTexts[$0.to], $0.cosine) },
                      addedPairs: out.count - pairs.count)
    }

    /// The `k` most similar unordered row pairs `(i < j)` by dot product, best first.
    static func mostSimilarPairs(_ e: Tensor, texts: [String], k: Int, blockRows: Int) -> [(Int, Int, Float)] {
        let r = e.shape[0], d = e.shape[1]
        let folded = texts.map { $0.lowercased() }
        var heap = TopKHeap(capacity: k)
        var block = [Float](repeating: 0, count: min(blockRows, r) * r)
        e.withUnsafeBufferPointer { ep in
            block.withUnsafeMutableBufferPointer { bp in
                var start = 0
                while start < r {
                    let rows = min(blockRows, r - start)
                    BLAS.sgemm(transA: false, transB: true, m: rows, n: r, k: d,
                               a: ep.baseAddress! + start * d, lda: d, b: ep.baseAddress!, ldb: d,
                               c: bp.baseAddress!, ldc: r)
                    for a in 0..<rows {
                        let i = start + a
                        for j in (i + 1)..<max(i + 1, r) where folded[i] != folded[j] {
                            heap.offer(score: bp[a * r + j], id: i * r + j)
                        }
                    }
                    start += rows
                }
            }
        }
        return heap.sortedDescending().map { ($0.id / r, $0.id % r, $0.score) }
    }

    /// Replaces the root word in a phrase: the last whole-word, case-insensitive occurrence of
    /// `root`; if the root does not occur literally (an inflected head noun, "rabbits"), the
    /// phrase's last word, which is the head noun of an English noun phrase.
    public static func swapRoot(in phrase: String, root: String, with synonym: String) -> String {
        let words = phrase.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let rootWords = root.lowercased().split(separator: " ").map(String.init)
        let lowered = words.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        if !rootWords.isEmpty, words.count >= rootWords.count {
            for start in stride(from: words.count - rootWords.count, through: 0, by: -1)
            where Array(lowered[start..<(start + rootWords.count)]) == rootWords {
                return (words[..<start] + [synonym] + words[(start + rootWords.count)...]).joined(separator: " ")
            }
        }
        guard let last = words.lastIndex(where: { !$0.isEmpty }) else { return synonym }
        var replaced = words
        replaced[last] = synonym
        return replaced.joined(separator: " ")
    }

    static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }
}

extension SemanticEnhancement {
    /// The group centre of each root of `rootIDs` (in that order) over `pairs`.
    static func centres(of rootIDs: [Int32], pairs: PairTable, base: BaseSet) throws -> GroupCentres {
        let groups = RootGroups(pairs: pairs, phraseRoot: base.phraseRoot)
        var groupOfRoot: [Int32: Int] = [:]
        for g in 0..<groups.groupCount { groupOfRoot[groups.root(ofGroup: g)] = g }
        let ordered = try rootIDs.map { id -> Int in
            guard let g = groupOfRoot[id] else {
                throw MethodError.invalidParameter(name: "root \(base.roots[Int(id)])", value: "no pairs", expected: "a root with pairs")
            }
            return g
        }
        return GroupCentres(groups: groups, base: base, median: .meanOfMiddles, only: ordered)
    }
}
