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

        if !bBatch.isEmpty, aBatch != bBatch {
            throw .shapeMismatch(operation: "matmul", lhs: a.shape, rhs: b.shape)
        }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                Tensor(uninitialized: aBatch + [m, n]) { po in
                    guard let ap = pa.baseAddress, let bp = pb.baseAddress, let cp = po.baseAddress else { return }
                    if bBatch.isEmpty, !transposeA {
                        BLAS.sgemm(transA: false, transB: transposeB, m: batchCount * m, n: n, k: k, alpha: alpha,
                                   a: ap, lda: ac, b: bp, ldb: bc, c: cp, ldc: n)
                        return
                    }
                    // B is shared by every batch element when it has no batch axes.
                    let bStride = bBatch.isEmpty ? 0 : br * bc
                    for i in 0..<batchCount {
                        BLAS.sgemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                   a: ap + i * ar * ac, lda: ac, b: bp + i * bStride, ldb: bc,
                                   c: cp + i * m * n, ldc: n)
                    }
                }
            }
        }
    }

    /// `x · weightᵀ + bias` for a Hugging Face style linear layer (`weight` is [out, in]).
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
        guard weight.rank == 2, let inFeatures = x.shape.last, inFeatures == weight.shape[1] else {
            throw .shapeMismatch(operation: "linear", lhs: x.shape, rhs: weight.shape)
        }
        let outFeatures = weight.shape[0]
        let rows = x.count / max(inFeatures, 1)
        if let bias, bias.count != outFeatures {
            throw .shapeMismatch(operation: "linear bias", lhs: weight.shape, rhs: bias.shape)
        }
        return x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                Tensor(uninitialized: Array(x.shape.dropLast()) + [outFeatures]) { po in
                    guard let xs = px.baseAddress, let w = pw.baseAddress, let o = po.baseAddress else { return }
                    var beta: Float = 0
                    if let bias {
                        bias.withUnsafeBufferPointer { pb in
                            guard let b = pb.baseAddress else { return }
                            ParallelChunks.forEach(rows, minimumChunk: max(1, (1 << 15) / max(outFeatures, 1))) { range in
                                for r in range { (o + r * outFeatures).initialize(from: b, count: outFeatures) }
                            }
                        }
                        beta = 1
                    }
                    BLAS.sgemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                               a: xs, lda: inFeatures, b: w, ldb: inFeatures,
                               beta: beta, c: o, ldc: outFeatures)
                }
            }
        }
    }
}
