import ReMETensor

/// Row-wise softmax of `τ₁·S_test·S_refᵀ` computed block by block over `S_ref`, handing each
/// block's (unnormalised) weights to a sink; the caller divides by the returned row sums.
///
/// Online rescaling: each row keeps a reference maximum `M`; a block's logits are turned into
/// `exp(l − M)`. `M` is raised (and the sink told to rescale what it accumulated) only when a
/// block's maximum exceeds it by more than `headroom`, so the weights never exceed `e^headroom`
/// and the result equals the dense softmax up to rounding.
struct StreamingSoftmax {
    static let headroom: Float = 30

    let test: Tensor          // [k, d]
    let index: ReferenceIndex
    let configuration: RetrievalConfiguration

    /// `sink(weights [k × B] row-major, block range, rescale factors per row or nil)`.
    /// Returns the per-row sums Z.
    func run(_ sink: (UnsafePointer<Float>, Range<Int>, [Float]?) -> Void) -> [Float] {
        let k = test.shape[0]
        var maxima = [Float](repeating: -.infinity, count: k)
        var sums = [Float](repeating: 0, count: k)
        ReferenceBlocks.forEachBlock(test: test, index: index, configuration: configuration) { logits, range in
            let b = range.count
            var rescale: [Float]? = nil
            for i in 0..<k {
                let row = logits + i * b
                let bm = FastMath.maximum(row, count: b)
                if bm > maxima[i] + Self.headroom || maxima[i] == -.infinity {
                    let factor = maxima[i] == -.infinity ? 0 : FastMath.exp(maxima[i] - bm)
                    if rescale == nil { rescale = [Float](repeating: 1, count: k) }
                    rescale![i] = factor
                    sums[i] *= factor
                    maxima[i] = bm
                }
            }
            let shared = SharedPointer(base: logits)
            let shifts = maxima
            let partial = SharedPointer(base: UnsafeMutablePointer<Float>.allocate(capacity: k))
            defer { partial.base.deallocate() }
            ParallelChunks.forEach(k, minimumChunk: 1, maximumWorkers: configuration.threads) { rows in
                for i in rows {
                    partial.base[i] = FastMath.expShiftedInPlace(shared.base + i * b, count: b, shift: shifts[i])
                }
            }
            for i in 0..<k { sums[i] += partial.base[i] }
            sink(logits, range, rescale)
        }
        return sums
    }
}
