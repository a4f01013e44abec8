import Foundation
import ReMETensor

/// docs/specification.md, Part 1 step 7: pairs of similar roots become synonyms, and every phrase whose root
/// has a synonym gets a copy naming the synonym, paired with the same segment.
///
/// Choices: the roots are embedded as bare words (no prompt); the `kSim` most similar
/// unordered pairs of distinct roots are taken over all roots (self-pairs and pairs whose
/// strings agree after lower-casing are excluded; ties broken by root order). A root may get
/// several synonyms and then several copies. See `swapRoot` for how the phrase is rewritten.
public struct SemanticEnhancement: Sendable {
    public var kSim: Int
    /// Rows of the root–root similarity computed per GEMM (bounds memory to `blockRows·R`).
    public var blockRows: Int

    public init(kSim: Int = 30, blockRows: Int = 1024) {
        self.kSim = kSim
        self.blockRows = blockRows
    }

    public struct Result: Sendable {
        public var pairs: PairTable
        public var synonymPairs: [(String, String, Float)]
        public var addedPairs: Int
    }

    public func apply(to pairs: PairTable, in base: inout BaseSet, textEncoder: some TextEncoder) throws -> Result {
        guard kSim >= 0, blockRows > 0 else {
            throw MethodError.invalidParameter(name: "kSim/blockRows", value: "\(kSim)/\(blockRows)", expected: "kSim ≥ 0, blockRows > 0")
        }
        var present = Set<Int32>()
        for p in pairs.phrase { present.insert(base.phraseRoot[Int(p)]) }
        let rootIDs = present.sorted { base.roots[Int($0)] < base.roots[Int($1)] }
        let rootTexts = rootIDs.map { base.roots[Int($0)] }
        guard rootIDs.count >= 2, kSim > 0 else { return Result(pairs: pairs, synonymPairs: [], addedPairs: 0) }

        let embeddings = try textEncoder.encodeTexts(rootTexts)
        guard embeddings.rank == 2, embeddings.shape[0] == rootTexts.count else {
            throw MethodError.encoderOutput(encoder: "text encoder", expected: "[\(rootTexts.count), d]", found: embeddings.shape)
        }
        let top = Self.mostSimilarPairs(embeddings, texts: rootTexts, k: kSim, blockRows: blockRows)

        var synonyms: [Int32: [Int32]] = [:]
        for (a, b, _) in top {
            synonyms[rootIDs[a], default: []].append(rootIDs[b])
            synonyms[rootIDs[b], default: []].append(rootIDs[a])
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
        return Result(pairs: out, synonymPairs: top.map { (rootTexts[$0.0], rootTexts[$0.1], $0.2) },
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
