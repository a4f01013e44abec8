/// Multi-head scaled dot-product attention on packed projections.
public enum Attention {
    /// `q`, `k`, `v` are [B, T, H·Dh] (heads packed in the last axis, as after the linear
    /// projections); the result has the same layout. Heads are addressed through BLAS
    /// leading dimensions, so nothing is transposed or copied per head.
    /// - Parameter causal: mask keys after the query position (CLIP's text tower).
    public static func multiHead(
        q: Tensor, k: Tensor, v: Tensor, heads: Int, causal: Bool = false
    ) throws(TensorError) -> Tensor {
        guard q.rank == 3, q.shape == k.shape, q.shape == v.shape, heads > 0,
              q.shape[2] % heads == 0 else {
            throw .invalidShape(operation: "attention", shape: q.shape,
                                expected: "[B, T, H·Dh] for q, k and v alike, with \(heads) heads")
        }
        let batch = q.shape[0], tokens = q.shape[1], width = q.shape[2]
        let headDim = width / heads
        let scale = 1 / Float(headDim).squareRoot()
        var out = Tensor(uninitialized: q.shape)
        var scores = [Float](repeating: 0, count: tokens * tokens)
        scores.withUnsafeMutableBufferPointer { sBuf in
            guard let s = sBuf.baseAddress else { return }
            for b in 0..<batch {
                let base = b * tokens * width
                for h in 0..<heads {
                    let offset = base + h * headDim
                    BLAS.sgemm(transA: false, transB: true, m: tokens, n: tokens, k: headDim, alpha: scale,
                               a: q.buffer.pointer + offset, lda: width,
                               b: k.buffer.pointer + offset, ldb: width,
                               c: s, ldc: tokens)
                    for i in 0..<tokens {
                        let row = s + i * tokens
                        if causal {
                            for j in (i + 1)..<max(tokens, i + 1) { row[j] = -.infinity }
                        }
                        Tensor.softmaxRow(row, count: tokens)
                    }
                    BLAS.sgemm(transA: false, transB: false, m: tokens, n: headDim, k: tokens,
                               a: s, lda: tokens,
                               b: v.buffer.pointer + offset, ldb: width,
                               c: out.buffer.pointer + offset, ldc: width)
                }
            }
        }
        return out
    }
}
