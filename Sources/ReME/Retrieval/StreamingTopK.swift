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
        let rowsCount = test.shape[0], d = test.shape[1], m = index.segmentCount
        let block = min(configuration.blockSize, max(m, 1))
        var logits = [Float](repeating: 0, count: rowsCount * block)
        var scratch = [Float](repeating: 0, count: { if case .float16 = index.storage { return block * d } else { return 0 } }())
        var heaps = (0..<rowsCount).map { _ in TopKHeap(capacity: k) }
        var start = 0
        while start < m {
            let range = start..<min(m, start + block)
            let b = range.count
            logits.withUnsafeMutableBufferPointer { lp in
                StreamingSoftmax.blockLogits(test: test, index: index, range: range,
                                             tau: configuration.visualTemperature,
                                             threads: configuration.threads, scratch: &scratch, into: lp.baseAddress!)
                let shared = SharedPointer(base: lp.baseAddress!)
                heaps.withUnsafeMutableBufferPointer { hp in
                    let heapPointer = SharedPointer(base: hp.baseAddress!)
                    ParallelChunks.forEach(rowsCount, minimumChunk: 1, maximumWorkers: configuration.threads) { rows in
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
            start = range.upperBound
        }
        return heaps.map { heap in
            let entries = heap.sortedDescending()
            guard let top = entries.first?.score else { return [] }
            var weights = entries.map { FastMath.exp($0.score - top) }
            let total = weights.reduce(0, +)
            for j in weights.indices { weights[j] /= total }
            return zip(entries, weights).map { (reference: $0.id, weight: $1) }
        }
    }
}
