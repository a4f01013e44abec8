import ReMETensor
import ReMEText

/// One synonym relation between two roots (indices into the sorted root list): phrases of
/// `from` get copies naming `to`, and the other way round when `bothWays`.
struct SynonymLink: Equatable {
    var from: Int
    var to: Int
    var bothWays: Bool
    var cosine: Float
}

extension SemanticEnhancement {
    /// The synonym links among `roots` (sorted, distinct) under `rule`. `visualCentres` gives
    /// each root's group centre (rows in `roots` order); only the lexical rule asks for it.
    func synonymLinks(_ roots: [String], textEncoder: some TextEncoder,
                      visualCentres: () throws -> GroupCentres? = { nil }) throws -> [SynonymLink] {
        switch rule {
        case .mostSimilarPairs(let k):
            guard k >= 0 else {
                throw MethodError.invalidParameter(name: "k_sim", value: "\(k)", expected: "a count ≥ 0")
            }
            guard roots.count >= 2, k > 0 else { return [] }
            let embeddings = try embed(roots, with: textEncoder)
            return Self.mostSimilarPairs(embeddings, texts: roots, k: k, blockRows: blockRows)
                .map { SynonymLink(from: $0.0, to: $0.1, bothWays: true, cosine: $0.2) }
        case let .lexical(steps, percentile, neighbours):
            guard steps >= 0, (0...1).contains(percentile), neighbours >= 0 else {
                throw MethodError.invalidParameter(name: "lexical synonym rule",
                                                   value: "steps \(steps), percentile \(percentile), neighbours \(neighbours)",
                                                   expected: "steps ≥ 0, a percentile in [0, 1], neighbours ≥ 0")
            }
            guard roots.count >= 2 else { return [] }
            let wordNet: WordNetNouns
            do { wordNet = try nouns ?? WordNetNouns.shared() } catch {
                throw MethodError.invalidParameter(name: "WordNet", value: "\(error)", expected: "the WordNet database (Debian's wordnet-base)")
            }
            let candidates = Self.lexicalLinks(roots, wordNet: wordNet, maxSteps: steps)
            guard !candidates.isEmpty else { return [] }
            let embeddings = try embed(roots, with: textEncoder)
            let bar = Self.cosineQuantile(embeddings, percentile)
            let centres = neighbours > 0 ? try visualCentres() : nil
            let agreeing = candidates.filter { link in
                centres.map { $0.areMutualNeighbours(link.from, link.to, within: neighbours) } ?? true
            }
            return embeddings.withUnsafeBufferPointer { e in
                let d = embeddings.shape[1]
                return agreeing.compactMap { link in
                    var dot: Float = 0
                    for j in 0..<d { dot += e[link.from * d + j] * e[link.to * d + j] }
                    guard dot >= bar else { return nil }
                    var kept = link
                    kept.cosine = dot
                    return kept
                }
            }
        }
    }

    private func embed(_ roots: [String], with textEncoder: some TextEncoder) throws -> Tensor {
        let embeddings = try textEncoder.encodeTexts(roots)
        guard embeddings.rank == 2, embeddings.shape[0] == roots.count else {
            throw MethodError.encoderOutput(encoder: "text encoder", expected: "[\(roots.count), d]", found: embeddings.shape)
        }
        return embeddings
    }

    /// Links by WordNet: same salient synset (both ways) or a salient sense of `from` at most
    /// `maxSteps` hypernym links below a salient sense of `to`. Indexed by synset, so the cost
    /// grows with the roots' ancestors, not with the number of root pairs.
    static func lexicalLinks(_ roots: [String], wordNet: WordNetNouns, maxSteps: Int) -> [SynonymLink] {
        let folded = roots.map { $0.lowercased() }
        var rootsBySynset: [UInt32: [Int]] = [:]
        let salient = folded.map { wordNet.salientSenses(of: $0).map(\.synset) }
        for (i, synsets) in salient.enumerated() {
            for s in Set(synsets) { rootsBySynset[s, default: []].append(i) }
        }
        var links: [SynonymLink] = []
        var linked = Set<Int>()  // i * count + j, whichever kind came first
        for (i, synsets) in salient.enumerated() where !synsets.isEmpty {
            for s in Set(synsets) {
                for j in rootsBySynset[s] ?? [] where j > i && folded[i] != folded[j] && linked.insert(i * roots.count + j).inserted {
                    links.append(SynonymLink(from: i, to: j, bothWays: true, cosine: 0))
                }
            }
            var frontier = Array(Set(synsets)), seen = Set(frontier)
            for _ in 0..<maxSteps {
                var next: [UInt32] = []
                for synset in frontier {
                    for parent in wordNet.hypernyms(of: synset) where seen.insert(parent).inserted {
                        next.append(parent)
                        for j in rootsBySynset[parent] ?? [] where j != i && folded[i] != folded[j] {
                            let key = min(i, j) * roots.count + max(i, j)
                            if linked.insert(key).inserted { links.append(SynonymLink(from: i, to: j, bothWays: false, cosine: 0)) }
                        }
                    }
                }
                frontier = next
            }
        }
        return links.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// The `percentile` quantile of the cosines between distinct rows, from all pairs when
    /// there are at most `sampleLimit` of them, else from that many pairs drawn with a fixed seed.
    static func cosineQuantile(_ e: Tensor, _ percentile: Double, sampleLimit: Int = 200_000) -> Float {
        let r = e.shape[0], d = e.shape[1]
        var values: [Float] = []
        e.withUnsafeBufferPointer { p in
            func cosine(_ a: Int, _ b: Int) -> Float {
                var dot: Float = 0
                for j in 0..<d { dot += p[a * d + j] * p[b * d + j] }
                return dot
            }
            if r * (r - 1) / 2 <= sampleLimit {
                values.reserveCapacity(r * (r - 1) / 2)
                for a in 0..<r { for b in (a + 1)..<max(a + 1, r) { values.append(cosine(a, b)) } }
            } else {
                var rng = SplitMix64(state: 0xC05E)
                values.reserveCapacity(sampleLimit)
                while values.count < sampleLimit {
                    let a = Int.random(in: 0..<r, using: &rng), b = Int.random(in: 0..<r, using: &rng)
                    if a != b { values.append(cosine(a, b)) }
                }
            }
        }
        guard !values.isEmpty else { return -.infinity }
        values.sort()
        return values[min(values.count - 1, Int((percentile * Double(values.count - 1)).rounded()))]
    }
}
