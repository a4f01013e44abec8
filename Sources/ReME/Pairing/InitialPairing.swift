import ReMETensor

/// docs/specification.md, Part 1 step 4: pair every phrase with its most similar segment.
public enum InitialPairing {
    /// - Parameters:
    ///   - cropEmbeddings: `[K, d]` L2-normalised crop embeddings of the image's segments.
    ///   - phraseEmbeddings: `[p, d]` L2-normalised text embeddings of the phrases.
    ///   - visualFeatures: `[K, d1]` features stored for the kept segments.
    ///   - phrases: the `p` phrases with their roots.
    /// Ties go to the lowest segment index. An image without phrases or without segments
    /// keeps nothing (its phrases have no segment to pair with and are dropped).
    public static func pair(
        cropEmbeddings: Tensor, phraseEmbeddings: Tensor,
        visualFeatures: Tensor, phrases: [RootedPhrase]
    ) throws(MethodError) -> BaseSetImage {
        guard cropEmbeddings.rank == 2 else {
            throw .shapeMismatch(what: "crop embeddings", expected: "[K, d]", found: cropEmbeddings.shape)
        }
        let k = cropEmbeddings.shape[0], d = cropEmbeddings.shape[1]
        guard phraseEmbeddings.rank == 2, phraseEmbeddings.shape == [phrases.count, d] else {
            throw .shapeMismatch(what: "phrase embeddings", expected: "[\(phrases.count), \(d)]",
                                 found: phraseEmbeddings.shape)
        }
        guard visualFeatures.rank == 2, visualFeatures.shape[0] == k else {
            throw .shapeMismatch(what: "visual features", expected: "[\(k), d1]", found: visualFeatures.shape)
        }
        let d1 = visualFeatures.shape[1]
        let p = phrases.count
        if k == 0 || p == 0 {
            return BaseSetImage(segmentFeatures: Tensor(zeros: [0, d1]), keptSegmentIndices: [],
                                phrases: [], pairedSegment: [], pairScore: [])
        }
        // sim [K, p] = S · Lᵀ
        let sim: Tensor
        do { sim = try Tensor.matmul(cropEmbeddings, phraseEmbeddings, transposeB: true) } catch {
            throw .shapeMismatch(what: "pairing", expected: "matching widths", found: phraseEmbeddings.shape)
        }
        var best = [Int](repeating: 0, count: p)
        var bestScore = [Float](repeating: -.infinity, count: p)
        sim.withUnsafeBufferPointer { s in
            for i in 0..<k {
                let row = s.baseAddress! + i * p
                for j in 0..<p where row[j] > bestScore[j] {
                    bestScore[j] = row[j]
                    best[j] = i
                }
            }
        }
        var localIndex = [Int](repeating: -1, count: k)
        var kept: [Int] = []
        for i in best.sorted() where localIndex[i] < 0 {
            localIndex[i] = kept.count
            kept.append(i)
        }
        var features = Tensor(uninitialized: [kept.count, d1])
        features.withUnsafeMutableBufferPointer { dst in
            visualFeatures.withUnsafeBufferPointer { src in
                for (row, i) in kept.enumerated() {
                    (dst.baseAddress! + row * d1).update(from: src.baseAddress! + i * d1, count: d1)
                }
            }
        }
        return BaseSetImage(segmentFeatures: features, keptSegmentIndices: kept, phrases: phrases,
                            pairedSegment: best.map { localIndex[$0] }, pairScore: bestScore)
    }
}
