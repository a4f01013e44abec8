import ReMETensor

/// The decoder's cross-attentions between a handful of tokens (T, 7 for one point) and a
/// per-prompt image of N = 4 096 rows, with the projections on the image side folded into the
/// token side. Projecting the image costs N·C·I multiply-adds per projection; folding costs
/// N·C·H·T, smaller whenever H·T < I (8·7 = 56 against 128 for every SAM size). Exact in real
/// arithmetic:
/// - scores `q_h·(Y·Wk_hᵀ + bk_h)ᵀ = (q_h·Wk_h)·Yᵀ + q_h·bk_h`: the last term is one constant per
///   query row, which the softmax removes;
/// - values `A_h·(X·Wv_hᵀ + bv_h) = (A_h·X)·Wv_hᵀ + bv_h`: softmax rows sum to one;
/// - image queries `(Y·Wq_hᵀ + bq_h)·k_hᵀ = Y·(Wq_hᵀ·k_hᵀ) + bq_h·k_hᵀ`;
/// - output `Σ_h A_h·(v_h·Wo_hᵀ)`: the output projection applied to each head's T values.
/// Every prompt runs on one core with single-threaded products.
extension SAMDecoderAttention {
    var innerWidth: Int { query.outFeatures }

    /// Whether folding the image-side projections is cheaper for `tokens` tokens.
    func foldsImageProjections(tokens: Int) -> Bool { heads * tokens < innerWidth }

    /// Tokens attending to a per-prompt image: `queries` [B, T, I] (projected), `image` [B, N, C]
    /// → [B, T, I] before the output projection.
    func foldedTokensToImage(queries: Tensor, image: SAMDecoderImage) -> Tensor {
        let batch = queries.shape[0], tokens = queries.shape[1], inner = innerWidth, heads = heads
        let c = key.weight.shape[1], n = image.tokenCount, dh = inner / heads, rows = heads * tokens
        let scale = 1 / Float(dh).squareRoot()
        return Tensor.withBaseAddresses([queries, image.plain, image.positioned, key.weight, value.weight, value.bias]) { p in
            Tensor(uninitialized: [batch, tokens, inner]) { result in
                guard let q = p[0], let x = p[1], let y = p[2], let wk = p[3], let wv = p[4], let out = result.baseAddress else { return }
                let valueBias = p[5]
                ParallelChunks.forEach(batch, minimumChunk: 1) { prompts in
                    let folded = UnsafeMutablePointer<Float>.allocate(capacity: rows * c)
                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: rows * n)
                    let mixed = UnsafeMutablePointer<Float>.allocate(capacity: rows * c)
                    defer { folded.deallocate(); scores.deallocate(); mixed.deallocate() }
                    for b in prompts {
                        let qb = q + b * tokens * inner, ob = out + b * tokens * inner
                        // q_h·Wk_h of every head, scaled: [H·T, C].
                        for h in 0..<heads {
                            BLAS.sgemm(transA: false, transB: false, m: tokens, n: c, k: dh, alpha: scale, a: qb + h * dh, lda: inner,
                                       b: wk + h * dh * c, ldb: c, c: folded + h * tokens * c, ldc: c)
                        }
                        BLAS.sgemm(transA: false, transB: true, m: rows, n: n, k: c, a: folded, lda: c, b: y + b * n * c, ldb: c,
                                   c: scores, ldc: n)
                        FastMath.softmaxRows(scores, rows: rows, count: n)
                        BLAS.sgemm(transA: false, transB: false, m: rows, n: c, k: n, a: scores, lda: n, b: x + b * n * c, ldb: c,
                                   c: mixed, ldc: c)
                        // (A_h·X)·Wv_hᵀ into head h's columns.
                        for h in 0..<heads {
                            BLAS.sgemm(transA: false, transB: true, m: tokens, n: dh, k: c, a: mixed + h * tokens * c, lda: c,
                                       b: wv + h * dh * c, ldb: c, c: ob + h * dh, ldc: inner)
                        }
                        if let valueBias {
                            for t in 0..<tokens {
                                for j in 0..<inner { ob[t * inner + j] += valueBias[j] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The image attending to the tokens, output projection without its bias: `keys` and
    /// `values` [B, T, I] (projected), `sharedQueries` [1, N, I] the projected image queries when
    /// the image is shared by the batch (else they are folded per prompt) → [B, N, C].
    func foldedImageToTokens(image: SAMDecoderImage, keys: Tensor, values: Tensor, sharedQueries: Tensor?) -> Tensor {
        let batch = keys.shape[0], tokens = keys.shape[1], inner = innerWidth, heads = heads
        let c = query.weight.shape[1], n = image.tokenCount, dh = inner / heads, rows = heads * tokens
        let scale = 1 / Float(dh).squareRoot()
        let imageStride = image.isShared ? 0 : n * c
        return Tensor.withBaseAddresses([keys, values, image.positioned, sharedQueries, query.weight, query.bias, output.weight]) { p in
            Tensor(uninitialized: [batch, n, c]) { result in
                guard let k = p[0], let v = p[1], let y = p[2], let wq = p[4], let wo = p[6], let out = result.baseAddress else { return }
                let shared = p[3], queryBias = p[5]
                ParallelChunks.forEach(batch, minimumChunk: 1) { prompts in
                    let folded = UnsafeMutablePointer<Float>.allocate(capacity: c * rows)
                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: n * rows)
                    let mixed = UnsafeMutablePointer<Float>.allocate(capacity: rows * c)
                    let shift = UnsafeMutablePointer<Float>.allocate(capacity: rows)
                    defer { folded.deallocate(); scores.deallocate(); mixed.deallocate(); shift.deallocate() }
                    for b in prompts {
                        let kb = k + b * tokens * inner, vb = v + b * tokens * inner
                        // Scores [N, H·T]: row i holds head h's T scores at columns h·T…
                        if let shared {
                            for h in 0..<heads {
                                BLAS.sgemm(transA: false, transB: true, m: n, n: tokens, k: dh, alpha: scale, a: shared + h * dh, lda: inner,
                                           b: kb + h * dh, ldb: inner, c: scores + h * tokens, ldc: rows)
                            }
                        } else {
                            Self.foldQueries(keys: kb, weight: wq, bias: queryBias, heads: heads, tokens: tokens, headWidth: dh, width: c,
                                             scale: scale, into: folded, shift: shift, scores: scores, rows: n)
                            BLAS.sgemm(transA: false, transB: false, m: n, n: rows, k: c, a: y + b * imageStride, lda: c, b: folded, ldb: rows,
                                       beta: 1, c: scores, ldc: rows)
                        }
                        FastMath.softmaxRows(scores, rows: n * heads, count: tokens)
                        // v_h·Wo_hᵀ of every head: [H·T, C].
                        for h in 0..<heads {
                            BLAS.sgemm(transA: false, transB: true, m: tokens, n: c, k: dh, a: vb + h * dh, lda: inner, b: wo + h * dh,
                                       ldb: inner, c: mixed + h * tokens * c, ldc: c)
                        }
                        BLAS.sgemm(transA: false, transB: false, m: n, n: c, k: rows, a: scores, lda: rows, b: mixed, ldb: c,
                                   c: out + b * n * c, ldc: c)
                    }
                }
            }
        }
    }

    /// `Wq_hᵀ·k_hᵀ` of every head into `folded` [C, H·T] (scaled), and each score row of
    /// `scores` [rows, H·T] started at the query bias's term `bq_h·k_hᵀ` (scaled, kept in `shift`).
    private static func foldQueries(keys kb: UnsafePointer<Float>, weight wq: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                    heads: Int, tokens: Int, headWidth dh: Int, width c: Int, scale: Float,
                                    into folded: UnsafeMutablePointer<Float>, shift: UnsafeMutablePointer<Float>,
                                    scores: UnsafeMutablePointer<Float>, rows n: Int) {
        let inner = heads * dh, columns = heads * tokens
        for h in 0..<heads {
            BLAS.sgemm(transA: true, transB: true, m: c, n: tokens, k: dh, alpha: scale, a: wq + h * dh * c, lda: c,
                       b: kb + h * dh, ldb: inner, c: folded + h * tokens, ldc: columns)
        }
        for h in 0..<heads {
            for t in 0..<tokens {
                var sum: Float = 0
                if let bias {
                    for d in 0..<dh { sum += bias[h * dh + d] * kb[t * inner + h * dh + d] }
                }
                shift[h * tokens + t] = sum * scale
            }
        }
        for i in 0..<n { (scores + i * columns).update(from: shift, count: columns) }
    }
}
