import ReMETensor

/// Eq. 1 with a neighbour cut: per test row, the `K` largest logits `τ₁·⟨s_i, r_j⟩` over all
/// reference blocks, then a softmax over those `K` only (ties: lower reference index wins).
struct StreamingTopK {
    let test: Tensor
    let index: ReferenceIndex
    let configuration: RetrievalConfiguration
    let k: Int

    /// Per test row: (reference index, softmax weight), best first.
    func run() -> [[(reference: Int, weight: Float)]] {
        var heaps = (0..<test.shape[0]).map { _ in TopKHeap(capacity: k) }
        ReferenceBlocks.forEachBlock(test: test, index: index, configuration: configuration) { logits, range in
            let b = range.count
            let shared = SharedPointer(base: logits)
            heaps.withUnsafeMutableBufferPointer { hp in
                let heapPointer = SharedPointer(base: hp.baseAddress!)
                ParallelChunks.forEach(hp.count, minimumChunk: 1, maximumWorkers: configuration.threads) { rows in
                    for i in rows {
                        let row = shared.base + i * b
                        let heap = heapPointer.base + i
                        for j in 0..<b {
                            if let low = heap.pointee.minimum, heap.pointee.entries.count == k, row[j] <= low.score { continue }
                            heap.pointee.offer(score: row[j], id: range.lowerBound + j)
                        }
                    }
                }
            }
        }
        return heaps.map { heap in
            let entries = heap.sortedDescending()
            var weights = entries.map(\.score)
            weights.withUnsafeMutableBufferPointer { w in
                if let row = w.baseAddress { FastMath.softmax(row, count: w.count) }
            }
            return zip(entries, weights).map { (reference: $0.id, weight: $1) }
        }
    }
}
