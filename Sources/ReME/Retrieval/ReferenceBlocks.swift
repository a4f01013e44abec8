import ReMETensor

/// The block loop shared by `StreamingSoftmax` and `StreamingTopK`: `S_ref` is visited in
/// blocks of `configuration.blockSize` rows, and each block's logits `τ₁·S_test·S_ref[block]ᵀ`
/// ([k × B], row-major) are handed to a body. One logits buffer (and, for f16 storage, one
/// f32 conversion scratch) serves every block.
enum ReferenceBlocks {
    static func forEachBlock(test: Tensor, index: ReferenceIndex, configuration: RetrievalConfiguration,
                             _ body: (_ logits: UnsafeMutablePointer<Float>, _ block: Range<Int>) -> Void) {
        let k = test.shape[0], d = test.shape[1], m = index.segmentCount
        let block = min(configuration.blockSize, max(m, 1))
        var logits = [Float](repeating: 0, count: k * block)
        var scratch = [Float](repeating: 0, count: { if case .float16 = index.storage { return block * d } else { return 0 } }())
        var start = 0
        while start < m {
            let range = start..<min(m, start + block)
            logits.withUnsafeMutableBufferPointer { lp in
                blockLogits(test: test, index: index, range: range, tau: configuration.visualTemperature,
                            threads: configuration.threads, scratch: &scratch, into: lp.baseAddress!)
                body(lp.baseAddress!, range)
            }
            start = range.upperBound
        }
    }

    /// `out [k × B] = τ · S_test · S_ref[range]ᵀ`.
    private static func blockLogits(test: Tensor, index: ReferenceIndex, range: Range<Int>, tau: Float, threads: Int,
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
