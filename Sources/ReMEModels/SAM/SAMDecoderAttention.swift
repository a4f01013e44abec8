import ReMETensor

/// The mask decoder's attention (transformers' `SamAttention`): q, k and v projections to
/// `hidden_size / downsample_rate`, multi-head attention, output projection. Either side may
/// be shared by the whole prompt batch (a leading axis of 1), which `Attention.cross`
/// broadcasts without copies.
struct SAMDecoderAttention: Sendable {
    var query: LinearLayer
    var key: LinearLayer
    var value: LinearLayer
    var output: LinearLayer
    var heads: Int

    init(_ w: WeightLoader, _ prefix: String, width: Int, downsampleRate: Int, heads: Int) throws(ModelError) {
        let inner = width / downsampleRate
        query = try LinearLayer(w, "\(prefix).q_proj", in: width, out: inner)
        key = try LinearLayer(w, "\(prefix).k_proj", in: width, out: inner)
        value = try LinearLayer(w, "\(prefix).v_proj", in: width, out: inner)
        output = try LinearLayer(w, "\(prefix).out_proj", in: inner, out: width)
        self.heads = heads
    }

    /// Attention on already projected q [Bq, Tq, I], k and v [Bk, Tk, I], then the output projection.
    func attend(q: Tensor, k: Tensor, v: Tensor) throws(ModelError) -> Tensor {
        try output(try tensorOp { () throws(TensorError) in try Attention.cross(q: q, k: k, v: v, heads: heads) })
    }
}

extension LinearLayer {
    /// `(x + positions)·Wᵀ + b` for x [B, N, in] and positions [N, in] shared by the batch, as
    /// `x·Wᵀ + positionTerm` with `positionTerm = positions·Wᵀ + b` [N, out] computed once
    /// (the image positional encoding is fixed, so `SAMMaskDecoder` precomputes it at load).
    func callAsFunction(_ x: Tensor, positionTerm: Tensor) throws(ModelError) -> Tensor {
        let rows = positionTerm.shape[0], out = outFeatures, inFeatures = weight.shape[1]
        guard x.rank == 3, x.shape[1] == rows, x.shape[2] == inFeatures else {
            throw .invalidInput("projection input has shape \(x.shape), expected [B, \(rows), \(inFeatures)]")
        }
        let batch = x.shape[0]
        return x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                positionTerm.withUnsafeBufferPointer { pt in
                    Tensor(uninitialized: [batch, rows, out]) { po in
                        guard let xs = px.baseAddress, let w = pw.baseAddress, let t = pt.baseAddress,
                              let o = po.baseAddress else { return }
                        for b in 0..<batch { (o + b * rows * out).initialize(from: t, count: rows * out) }
                        BLAS.sgemm(transA: false, transB: true, m: batch * rows, n: out, k: inFeatures,
                                   a: xs, lda: inFeatures, b: w, ldb: inFeatures, beta: 1, c: o, ldc: out)
                    }
                }
            }
        }
    }
}
