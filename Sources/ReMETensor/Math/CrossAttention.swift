extension Attention {
    /// Multi-head attention of queries over keys of another length, with one side shared by a
    /// batch: `q` is [Bq, Tq, H·Dh], `k` and `v` are [Bk, Tk, H·Dh], and Bq and Bk are equal or
    /// one of them is 1 (that side is used by every batch element, without copies). The result
    /// is [max(Bq, Bk), Tq, H·Dh]. Scores are scaled by 1/√Dh; whole (batch, head) pairs run on
    /// each core with single-threaded products.
    public static func cross(q: Tensor, k: Tensor, v: Tensor, heads: Int) throws(TensorError) -> Tensor {
        guard q.rank == 3, k.rank == 3, k.shape == v.shape, heads > 0, q.shape[2] == k.shape[2],
              q.shape[2] % heads == 0,
              q.shape[0] == k.shape[0] || q.shape[0] == 1 || k.shape[0] == 1 else {
            throw .shapeMismatch(operation: "cross attention (q [Bq, Tq, H·Dh], k and v [Bk, Tk, H·Dh])",
                                 lhs: q.shape, rhs: k.shape)
        }
        let batch = max(q.shape[0], k.shape[0]), queries = q.shape[1], keys = k.shape[1], width = q.shape[2]
        let headDim = width / heads
        let qBatchStride = q.shape[0] == 1 ? 0 : queries * width
        let kBatchStride = k.shape[0] == 1 ? 0 : keys * width
        let scale = 1 / Float(headDim).squareRoot()
        // Query rows per block: a block's scores stay near 64 k floats.
        let block = max(1, min(queries, (1 << 16) / max(keys, 1)))
        return q.withUnsafeBufferPointer { pq in
            k.withUnsafeBufferPointer { pk in
                v.withUnsafeBufferPointer { pv in
                    Tensor(uninitialized: [batch, queries, width]) { po in
                        guard let qp = pq.baseAddress, let kp = pk.baseAddress, let vp = pv.baseAddress,
                              let out = po.baseAddress, queries > 0, keys > 0 else { return }
                        BLAS.withSingleThreadedCalls {
                            ParallelChunks.forEach(batch * heads, minimumChunk: 1) { jobs in
                                let scores = UnsafeMutablePointer<Float>.allocate(capacity: block * keys)
                                defer { scores.deallocate() }
                                for job in jobs {
                                    let b = job / heads, h = job % heads
                                    let qh = qp + b * qBatchStride + h * headDim
                                    let kh = kp + b * kBatchStride + h * headDim, vh = vp + b * kBatchStride + h * headDim
                                    let oh = out + b * queries * width + h * headDim
                                    var first = 0
                                    while first < queries {
                                        let rows = min(block, queries - first)
                                        BLAS.sgemm(transA: false, transB: true, m: rows, n: keys, k: headDim, alpha: scale,
                                                   a: qh + first * width, lda: width, b: kh, ldb: width, c: scores, ldc: keys)
                                        for i in 0..<rows { FastMath.softmax(scores + i * keys, count: keys) }
                                        BLAS.sgemm(transA: false, transB: false, m: rows, n: headDim, k: keys,
                                                   a: scores, lda: keys, b: vh, ldb: width, c: oh + first * width, ldc: width)
                                        first += rows
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
