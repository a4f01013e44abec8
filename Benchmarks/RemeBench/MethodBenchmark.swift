import Foundation
import ReME
import ReMETensor

/// Synthetic workloads for timing the method at full scale (used by `reme bench-method`).
public enum MethodBenchmark {
    /// A base set of `pairs` pairs: `pairs·segmentsPerPair` segments with random unit
    /// features of width `dimension`; roots drawn from a Zipf-like law over `rootCount`
    /// words plus three abstract roots in every "image" of ~6 pairs.
    public static func syntheticBaseSet(pairs: Int, dimension: Int, rootCount: Int = 5000,
                                        segmentsPerPair: Double = 0.6, seed: UInt64 = 1) throws(MethodError) -> BaseSet {
        let segments = max(1, Int(Double(pairs) * segmentsPerPair))
        var base = BaseSet(featureDimension: dimension, reservingSegments: segments)
        var rng = SplitMix64(state: seed)
        var row = [Float](repeating: 0, count: dimension)
        for _ in 0..<segments {
            var norm: Float = 0
            for j in 0..<dimension {
                row[j] = rng.nextSymmetricFloat()
                norm += row[j] * row[j]
            }
            let inv = 1 / norm.squareRoot()
            for j in 0..<dimension { row[j] *= inv }
            _ = try row.withUnsafeBufferPointer { p throws(MethodError) in try base.appendSegment(p) }
        }
        // Zipf weights 1/r over the roots via the inverse CDF on a cumulative table.
        var cumulative = [Double](repeating: 0, count: rootCount)
        var total = 0.0
        for r in 0..<rootCount {
            total += 1 / Double(r + 1)
            cumulative[r] = total
        }
        let modifiers = ["small", "large", "red", "dark", "old", "wooden", "white", "tall"]
        let abstract = ["scene", "image", "background"]
        var phraseCache: [Int: Int32] = [:]
        var pairIndex = 0
        var image = 0
        while pairIndex < pairs {
            let imageSegments = Int(rng.next() % 6) + 4
            let firstSegment = Int(rng.next() % UInt64(segments))
            for p in 0..<min(6, pairs - pairIndex) {
                let segment = Int32((firstSegment + Int(rng.next() % UInt64(imageSegments))) % segments)
                let phrase: Int32
                if p < 3 {
                    phrase = base.phraseID(RootedPhrase(text: "the \(abstract[p])", root: abstract[p]))
                } else {
                    let u = Double(rng.next() >> 11) / Double(1 << 53) * total
                    var lo = 0, hi = rootCount - 1
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
                    }
                    let modifier = Int(rng.next() % UInt64(modifiers.count))
                    let key = lo * modifiers.count + modifier
                    if let cached = phraseCache[key] { phrase = cached } else {
                        let root = "word\(lo)"
                        phrase = base.phraseID(RootedPhrase(text: "a \(modifiers[modifier]) \(root)", root: root))
                        phraseCache[key] = phrase
                    }
                }
                base.pairs.append(segment: segment, phrase: phrase, score: Float(rng.next() % 1000) / 1000)
                pairIndex += 1
            }
            image += 1
        }
        base.setImageCount(image)
        return base
    }

    /// A random reference index: `segments` unit rows of width `dimension`, `phrases`
    /// phrases with 1–2 per segment, label embeddings of width `labelDimension`.
    public static func syntheticIndex(segments: Int, dimension: Int, phrases: Int, labelDimension: Int = 512,
                                      halfPrecision: Bool, seed: UInt64 = 2) throws(MethodError) -> ReferenceIndex {
        var rng = SplitMix64(state: seed)
        let storage: ReferenceStorage
        if halfPrecision {
            var bits = [UInt16](repeating: 0, count: segments * dimension)
            var row = [Float](repeating: 0, count: dimension)
            for s in 0..<segments {
                fillUnitRow(&row, &rng)
                for j in 0..<dimension { bits[s * dimension + j] = Float16(row[j]).bitPattern }
            }
            storage = .float16(try HalfMatrix(rows: segments, columns: dimension, bits: bits))
        } else {
            var t = Tensor(uninitialized: [segments, dimension])
            t.withUnsafeMutableBufferPointer { p in
                var row = [Float](repeating: 0, count: dimension)
                for s in 0..<segments {
                    fillUnitRow(&row, &rng)
                    (p.baseAddress! + s * dimension).update(from: row, count: dimension)
                }
            }
            storage = .float32(t)
        }
        var indptr = [Int32](repeating: 0, count: segments + 1)
        var indices: [Int32] = []
        indices.reserveCapacity(segments * 3 / 2)
        for s in 0..<segments {
            let count = 1 + Int(rng.next() % 2)
            var chosen = (0..<count).map { _ in Int32(rng.next() % UInt64(phrases)) }
            chosen = Array(Set(chosen)).sorted()
            indices += chosen
            indptr[s + 1] = Int32(indices.count)
        }
        var labels = Tensor(uninitialized: [phrases, labelDimension])
        labels.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = rng.nextSymmetricFloat() }
        }
        labels.l2NormalizeRowsInPlace()
        return try ReferenceIndex(storage: storage,
                                  assignment: try CSRAssignment(indptr: indptr, indices: indices, columnCount: phrases),
                                  labelEmbeddings: labels)
    }

    static func fillUnitRow(_ row: inout [Float], _ rng: inout SplitMix64) {
        var norm: Float = 0
        for j in row.indices {
            row[j] = rng.nextSymmetricFloat()
            norm += row[j] * row[j]
        }
        let inv = 1 / norm.squareRoot()
        for j in row.indices { row[j] *= inv }
    }
}
