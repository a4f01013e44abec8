/// Multi-head scaled dot-product attention on packed projections.
///
/// Heads are addressed through BLAS leading dimensions (nothing is split or copied per head),
/// whole heads run on each core with single-threaded products, and each head is processed in
/// blocks of `queryBlock` query rows so that a block's scores stay in the core's cache between
/// the two products and the softmax (at 1 025 tokens a head's full score matrix is 4 MB).
public enum Attention {
    /// `q`, `k`, `v` are [B, T, H·Dh] (heads packed in the last axis, as after the linear
    /// projections); the result has the same layout.
    /// - Parameter causal: mask keys after the query position (CLIP's text tower).
    public static func multiHead(
        q: Tensor, k: Tensor, v: Tensor, heads: Int, causal: Bool = false
    ) throws(TensorError) -> Tensor {
        guard q.rank == 3, q.shape == k.shape, q.shape == v.shape, heads > 0,
              q.shape[2] % heads == 0 else {
            throw .invalidShape(operation: "attention", shape: q.shape,
                                expected: "[B, T, H·Dh] for q, k and v alike, with \(heads) heads")
        }
        let layout = Layout(batch: q.shape[0], tokens: q.shape[1], width: q.shape[2], heads: heads, stride: q.shape[2])
        return q.withUnsafeBufferPointer { pq in
            k.withUnsafeBufferPointer { pk in
                v.withUnsafeBufferPointer { pv in
                    Tensor(uninitialized: q.shape) { po in
                        guard let qp = pq.baseAddress, let kp = pk.baseAddress, let vp = pv.baseAddress,
                              let out = po.baseAddress else { return }
                        compute(q: qp, k: kp, v: vp, layout: layout, causal: causal, out: out)
                    }
                }
            }
        }
    }

    /// Attention read straight from a fused [B, T, 3·D] q|k|v projection (one linear layer
    /// with the three weights stacked); the result is [B, T, D].
    public static func fused(_ qkv: Tensor, heads: Int, causal: Bool = false) throws(TensorError) -> Tensor {
        guard qkv.rank == 3, heads > 0, qkv.shape[2] % (3 * heads) == 0 else {
            throw .invalidShape(operation: "attention", shape: qkv.shape,
                                expected: "[B, T, 3·H·Dh] (q | k | v) with \(heads) heads")
        }
        let width = qkv.shape[2] / 3
        let layout = Layout(batch: qkv.shape[0], tokens: qkv.shape[1], width: width, heads: heads, stride: 3 * width)
        return qkv.withUnsafeBufferPointer { packed in
            Tensor(uninitialized: [qkv.shape[0], qkv.shape[1], width]) { po in
                guard let p = packed.baseAddress, let out = po.baseAddress else { return }
                compute(q: p, k: p + width, v: p + 2 * width, layout: layout, causal: causal, out: out)
            }
        }
    }

    /// Query rows per block: 128 × 1 025 scores are 512 kB, inside a core's L2 cache.
    static let queryBlock = 128

    struct Layout {
        var batch: Int, tokens: Int, width: Int, heads: Int
        /// Floats between consecutive tokens' rows in q, k and v.
        var stride: Int
        var headDim: Int { width / heads }
    }

    private static func compute(
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        layout: Layout, causal: Bool, out: UnsafeMutablePointer<Float>
    ) {
        let tokens = layout.tokens, stride = layout.stride, width = layout.width
        let headDim = layout.headDim, heads = layout.heads
        guard tokens > 0, headDim > 0 else { return }
        let scale = 1 / Float(headDim).squareRoot()
        let block = min(queryBlock, tokens)
        BLAS.withSingleThreadedCalls {
            ParallelChunks.forEach(layout.batch * heads, minimumChunk: 1) { jobs in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: block * tokens)
                defer { scores.deallocate() }
                for job in jobs {
                    let b = job / heads, h = job % heads
                    let offset = b * tokens * stride + h * headDim
                    let outHead = out + b * tokens * width + h * headDim
                    var first = 0
                    while first < tokens {
                        let rows = min(block, tokens - first)
                        // Under the causal mask no query of this block sees keys past its last row.
                        let keys = causal ? first + rows : tokens
                        BLAS.sgemm(transA: false, transB: true, m: rows, n: keys, k: headDim, alpha: scale,
                                   a: q + offset + first * stride, lda: stride, b: k + offset, ldb: stride,
                                   c: scores, ldc: keys)
                        for i in 0..<rows {
                            let row = scores + i * keys
                            if causal {
                                for j in (first + i + 1)..<keys { row[j] = -.infinity }
                            }
                            FastMath.softmax(row, count: keys)
                        }
                        BLAS.sgemm(transA: false, transB: false, m: rows, n: headDim, k: keys,
                                   a: scores, lda: keys, b: v + offset, ldb: stride,
                                   c: outHead + first * width, ldc: width)
                        first += rows
                    }
                }
            }
        }
    }
}
