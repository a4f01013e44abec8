extension Tensor {
    /// Matrix product with optional transposes, without copying transposed operands.
    ///
    /// - Both rank 2: `op(A)·op(B)`.
    /// - `A` of rank > 2 and `B` of rank 2: applied to the last two axes of `A`
    ///   (one GEMM when `A` is not transposed, since its leading axes fold into rows).
    /// - Both rank > 2 with equal leading axes: one GEMM per batch element.
    public static func matmul(
        _ a: Tensor, _ b: Tensor,
        transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1
    ) throws(TensorError) -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else {
            throw .shapeMismatch(operation: "matmul", lhs: a.shape, rhs: b.shape)
        }
        let ar = a.shape[a.rank - 2], ac = a.shape[a.rank - 1]
        let br = b.shape[b.rank - 2], bc = b.shape[b.rank - 1]
        let m = transposeA ? ac : ar, k = transposeA ? ar : ac
        let kb = transposeB ? bc : br, n = transposeB ? br : bc
        guard k == kb else {
            throw .shapeMismatch(operation: "matmul", lhs: a.shape, rhs: b.shape)
        }
        let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
        let batchCount = aBatch.reduce(1, *)

        if bBatch.isEmpty {
            var out = Tensor(uninitialized: aBatch + [m, n])
            if !transposeA {
                BLAS.sgemm(transA: false, transB: transposeB, m: batchCount * m, n: n, k: k, alpha: alpha,
                           a: a.buffer.pointer, lda: ac, b: b.buffer.pointer, ldb: bc,
                           c: out.buffer.pointer, ldc: n)
            } else {
                for i in 0..<batchCount {
                    BLAS.sgemm(transA: true, transB: transposeB, m: m, n: n, k: k, alpha: alpha,
                               a: a.buffer.pointer + i * ar * ac, lda: ac, b: b.buffer.pointer, ldb: bc,
                               c: out.buffer.pointer + i * m * n, ldc: n)
                }
            }
            return out
        }
        guard aBatch == bBatch else {
            throw .shapeMismatch(operation: "matmul", lhs: a.shape, rhs: b.shape)
        }
        var out = Tensor(uninitialized: aBatch + [m, n])
        for i in 0..<batchCount {
            BLAS.sgemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: alpha,
                       a: a.buffer.pointer + i * ar * ac, lda: ac,
                       b: b.buffer.pointer + i * br * bc, ldb: bc,
                       c: out.buffer.pointer + i * m * n, ldc: n)
        }
        return out
    }

    /// `x · weightᵀ + bias` for a Hugging Face style linear layer (`weight` is [out, in]).
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
        guard weight.rank == 2, let inFeatures = x.shape.last, inFeatures == weight.shape[1] else {
            throw .shapeMismatch(operation: "linear", lhs: x.shape, rhs: weight.shape)
        }
        let outFeatures = weight.shape[0]
        let rows = x.count / max(inFeatures, 1)
        var out = Tensor(uninitialized: Array(x.shape.dropLast()) + [outFeatures])
        let o = out.buffer.pointer
        var beta: Float = 0
        if let bias {
            guard bias.count == outFeatures else {
                throw .shapeMismatch(operation: "linear bias", lhs: weight.shape, rhs: bias.shape)
            }
            let b = bias.buffer.pointer
            ParallelChunks.forEach(rows, minimumChunk: max(1, (1 << 15) / max(outFeatures, 1))) { range in
                for r in range { (o + r * outFeatures).update(from: b, count: outFeatures) }
            }
            beta = 1
        }
        BLAS.sgemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                   a: x.buffer.pointer, lda: inFeatures, b: weight.buffer.pointer, ldb: inFeatures,
                   beta: beta, c: o, ldc: outFeatures)
        return out
    }
}
