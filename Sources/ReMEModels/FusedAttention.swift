import ReMETensor

/// Multi-head scaled dot-product attention read straight from a fused [B, T, 3·D] q|k|v
/// projection (heads addressed through BLAS leading dimensions, nothing split or copied),
/// with the softmax rows spread over the cores.
enum FusedAttention {
    static func apply(_ qkv: Tensor, heads: Int, causal: Bool) -> Tensor {
        let batch = qkv.shape[0], tokens = qkv.shape[1], width = qkv.shape[2] / 3
        let headDim = width / heads, stride = 3 * width
        let scale = 1 / Float(headDim).squareRoot()
        let out = Tensor(uninitialized: [batch, tokens, width])
        let src = qkv.buffer.pointer, dst = out.buffer.pointer
        let jobs = batch * heads
        // Heads are independent: each core takes whole heads with single-threaded BLAS, so no
        // BLAS worker spins while the softmax runs, and nothing is shared between heads.
        BLAS.withSingleThreadedCalls {
            ParallelChunks.forEach(jobs, minimumChunk: 1) { range in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: tokens * tokens)
                defer { scores.deallocate() }
                for job in range {
                    let b = job / heads, h = job % heads
                    let base = src + b * tokens * stride
                    let q = base + h * headDim, k = base + width + h * headDim, v = base + 2 * width + h * headDim
                    BLAS.sgemm(transA: false, transB: true, m: tokens, n: tokens, k: headDim, alpha: scale,
                               a: q, lda: stride, b: k, ldb: stride, c: scores, ldc: tokens)
                    for i in 0..<tokens {
                        let row = scores + i * tokens
                        if causal, i + 1 < tokens {
                            for j in (i + 1)..<tokens { row[j] = -.infinity }
                        }
                        FastSoftmax.apply(row, count: tokens)
                    }
                    BLAS.sgemm(transA: false, transB: false, m: tokens, n: headDim, k: tokens,
                               a: scores, lda: tokens, b: v, ldb: stride,
                               c: dst + b * tokens * width + h * headDim, ldc: width)
                }
            }
        }
        return out
    }
}
