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
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: tokens * tokens)
        defer { scores.deallocate() }
        let src = qkv.buffer.pointer, dst = out.buffer.pointer
        for b in 0..<batch {
            let base = src + b * tokens * stride
            for h in 0..<heads {
                let q = base + h * headDim, k = base + width + h * headDim, v = base + 2 * width + h * headDim
                BLAS.sgemm(transA: false, transB: true, m: tokens, n: tokens, k: headDim, alpha: scale,
                           a: q, lda: stride, b: k, ldb: stride, c: scores, ldc: tokens)
                let s = UnsafeMutablePointer(scores)
                ParallelChunks.forEach(tokens, minimumChunk: max(1, (1 << 15) / max(tokens, 1))) { rows in
                    for i in rows {
                        let row = s + i * tokens
                        if causal, i + 1 < tokens {
                            for j in (i + 1)..<tokens { row[j] = -.infinity }
                        }
                        FastSoftmax.apply(row, count: tokens)
                    }
                }
                BLAS.sgemm(transA: false, transB: false, m: tokens, n: headDim, k: tokens,
                           a: scores, lda: tokens, b: v, ldb: stride,
                           c: dst + b * tokens * width + h * headDim, ldc: width)
            }
        }
        return out
    }
}
