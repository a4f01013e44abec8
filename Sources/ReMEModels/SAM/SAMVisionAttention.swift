import ReMETensor

/// Self-attention of SAM's image encoder (transformers' `SamVisionAttention`) over square token
/// groups (14×14 windows or the whole 64×64 grid), with the decomposed relative position terms
/// `q·R_h[row, key row] + q·R_w[column, key column]` added to the scaled scores.
struct SAMVisionAttention: Sendable {
    var qkv: LinearLayer
    var projection: LinearLayer
    /// [side, side, Dh] tables for the group side this layer attends over, when `use_rel_pos`.
    var relativeRows: Tensor?
    var relativeColumns: Tensor?
    var heads: Int
    /// Tokens per group side (the window size, or the grid size for global attention).
    var side: Int

    init(_ w: WeightLoader, _ prefix: String, config: SAMVisionConfig, side: Int) throws(ModelError) {
        let d = config.hiddenSize, headDim = d / config.numAttentionHeads
        qkv = try LinearLayer(w, "\(prefix).qkv", in: d, out: 3 * d, bias: config.qkvBias)
        projection = try LinearLayer(w, "\(prefix).proj", in: d, out: d)
        heads = config.numAttentionHeads
        self.side = side
        if config.useRelPos {
            let rows = try w.take("\(prefix).rel_pos_h", shape: [2 * side - 1, headDim])
            let columns = try w.take("\(prefix).rel_pos_w", shape: [2 * side - 1, headDim])
            relativeRows = SAMRelativePositions.table(rows, querySize: side, keySize: side)
            relativeColumns = SAMRelativePositions.table(columns, querySize: side, keySize: side)
        }
    }

    /// `groups` [G, side², D] → attention output [G, side², D], before the output projection.
    func attend(_ groups: Tensor) throws(ModelError) -> Tensor {
        let packed = try qkv(groups)
        let count = groups.shape[0], width = groups.shape[2]
        return packed.withUnsafeBufferPointer { source in
            relativeRows.withOptionalBufferPointer { rows in
                relativeColumns.withOptionalBufferPointer { columns in
                    Tensor(uninitialized: [count, side * side, width]) { result in
                        guard let p = source.baseAddress, let out = result.baseAddress else { return }
                        Self.compute(packed: p, groups: count, side: side, width: width, heads: heads,
                                     relativeRows: rows?.baseAddress, relativeColumns: columns?.baseAddress, out: out)
                    }
                }
            }
        }
    }

    /// Query rows per block: at 4 096 tokens a block's scores are 2 MB.
    static let queryBlock = 128

    private static func compute(packed: UnsafePointer<Float>, groups: Int, side: Int, width: Int, heads: Int,
                                relativeRows: UnsafePointer<Float>?, relativeColumns: UnsafePointer<Float>?,
                                out: UnsafeMutablePointer<Float>) {
        let tokens = side * side, stride = 3 * width, headDim = width / heads
        let scale = 1 / Float(headDim).squareRoot()
        let block = min(queryBlock, tokens)
        BLAS.withSingleThreadedCalls {
            ParallelChunks.forEach(groups * heads, minimumChunk: 1) { jobs in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: block * tokens)
                let rowTerms = UnsafeMutablePointer<Float>.allocate(capacity: tokens * side)
                let columnTerms = UnsafeMutablePointer<Float>.allocate(capacity: tokens * side)
                defer { scores.deallocate(); rowTerms.deallocate(); columnTerms.deallocate() }
                for job in jobs {
                    let g = job / heads, h = job % heads
                    let q = packed + g * tokens * stride + h * headDim, k = q + width, v = q + 2 * width
                    let relative = relativeRows != nil && relativeColumns != nil
                    if let relativeRows, let relativeColumns {
                        // rowTerms[(y·side + x)·side + ky] = q(y, x) · R_h[y, ky] (unscaled q, as transformers).
                        for y in 0..<side {
                            BLAS.sgemm(transA: false, transB: true, m: side, n: side, k: headDim,
                                       a: q + y * side * stride, lda: stride, b: relativeRows + y * side * headDim, ldb: headDim,
                                       c: rowTerms + y * side * side, ldc: side)
                        }
                        // columnTerms[(y·side + x)·side + kx] = q(y, x) · R_w[x, kx].
                        for x in 0..<side {
                            BLAS.sgemm(transA: false, transB: true, m: side, n: side, k: headDim,
                                       a: q + x * stride, lda: side * stride, b: relativeColumns + x * side * headDim, ldb: headDim,
                                       c: columnTerms + x * side, ldc: side * side)
                        }
                    }
                    var first = 0
                    while first < tokens {
                        let rows = min(block, tokens - first)
                        BLAS.sgemm(transA: false, transB: true, m: rows, n: tokens, k: headDim, alpha: scale,
                                   a: q + first * stride, lda: stride, b: k, ldb: stride, c: scores, ldc: tokens)
                        for i in 0..<rows {
                            let row = scores + i * tokens
                            if relative {
                                let rowTerm = rowTerms + (first + i) * side, columnTerm = columnTerms + (first + i) * side
                                for ky in 0..<side {
                                    let keyRow = row + ky * side, r = rowTerm[ky]
                                    for kx in 0..<side { keyRow[kx] += r + columnTerm[kx] }
                                }
                            }
                            FastMath.softmax(row, count: tokens)
                        }
                        BLAS.sgemm(transA: false, transB: false, m: rows, n: headDim, k: tokens,
                                   a: scores, lda: tokens, b: v, ldb: stride,
                                   c: out + (g * tokens + first) * width + h * headDim, ldc: width)
                        first += rows
                    }
                }
            }
        }
    }
}
