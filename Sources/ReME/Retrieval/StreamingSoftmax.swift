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
        let k = test.shape[0], d = test.shape[1], m = index.segmentCount
        let block = min(configuration.blockSize, max(m, 1))
        var logits = [Float](repeating: 0, count: k * block)
        var scratch = [Float](repeating: 0, count: { if case .float16 = index.storage { return block * d } else { return 0 } }())
        var maxima = [Float](repeating: -.infinity, count: k)
        var sums = [Float](repeating: 0, count: k)
        let tau = configuration.visualTemperature
        var start = 0
        while start < m {
            let range = start..<min(m, start + block)
            let b = range.count
            logits.withUnsafeMutableBufferPointer { lp in
                Self.blockLogits(test: test, index: index, range: range, tau: tau, threads: configuration.threads,
                                 scratch: &scratch, into: lp.baseAddress!)
                var rescale: [Float]? = nil
                for i in 0..<k {
                    let row = lp.baseAddress! + i * b
                    let bm = FastMath.maximum(row, count: b)
                    if bm > maxima[i] + Self.headroom || maxima[i] == -.infinity {
                        let factor = maxima[i] == -.infinity ? 0 : FastMath.exp(maxima[i] - bm)
                        if rescale == nil { rescale = [Float](repeating: 1, count: k) }
                        rescale![i] = factor
                        sums[i] *= factor
                        maxima[i] = bm
                    }
                }
                let shared = SharedPointer(base: lp.baseAddress!)
                let shifts = maxima
                let partial = SharedPointer(base: UnsafeMutablePointer<Float>.allocate(capacity: k))
                defer { partial.base.deallocate() }
                ParallelChunks.forEach(k, minimumChunk: 1, maximumWorkers: configuration.threads) { rows in
                    for i in rows {
                        partial.base[i] = FastMath.expShiftedInPlace(shared.base + i * b, count: b, shift: shifts[i])
                    }
                }
                for i in 0..<k { sums[i] += partial.base[i] }
                sink(lp.baseAddress!, range, rescale)
            }
            start = range.upperBound
        }
        return sums
    }

    /// `out [k × B] = τ · S_test · S_ref[range]ᵀ`.
    static func blockLogits(test: Tensor, index: ReferenceIndex, range: Range<Int>, tau: Float, threads: Int,
                            scratch: inout [Float], into out: UnsafeMutablePointer<Float>) {
        let k = test.shape[0], d = test.shape[1]
        test.withUnsafeBufferPointer { t in
            switch index.storage {
            case let .float32(s):
                s.withUnsafeBufferPointer { sp in
                    BLAS.sgemm(transA: false, transB: true, m: k, n: range.count, k: d, alpha: tau,
                               a: t.baseAddress!, lda: d, b: sp.baseAddress! + range.lowerBound * d, ldb: d,
                               c: out, ldc: range.count)
                }
            case let .float16(h):
                scratch.withUnsafeMutableBufferPointer { sc in
                    h.convertRows(range, into: sc.baseAddress!, threads: threads)
                    BLAS.sgemm(transA: false, transB: true, m: k, n: range.count, k: d, alpha: tau,
                               a: t.baseAddress!, lda: d, b: sc.baseAddress!, ldb: d, c: out, ldc: range.count)
                }
            }
        }
    }
}
