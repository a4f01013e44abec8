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

    init(query: LinearLayer, key: LinearLayer, value: LinearLayer, output: LinearLayer, heads: Int) {
        self.query = query
        self.key = key
        self.value = value
        self.output = output
        self.heads = heads
    }

    /// Attention on already projected q [Bq, Tq, I], k and v [Bk, Tk, I], then the output projection.
    func attend(q: Tensor, k: Tensor, v: Tensor) throws(ModelError) -> Tensor {
        try output(try tensorOp { () throws(TensorError) in try Attention.cross(q: q, k: k, v: v, heads: heads) })
    }
}

extension SAMDecoderAttention {
    /// Tokens [B, T, C] (positional part added) attending to the image, output projection
    /// included → [B, T, C]; folded (`SAMFoldedAttention`) when the image is per prompt.
    /// `projectedImage`: this attention's keys and values of a shared image, when already computed.
    func tokensToImage(queries tokens: Tensor, image: SAMDecoderImage,
                       projectedImage: (keys: Tensor, values: Tensor)? = nil) throws(ModelError) -> Tensor {
        let projected = try query(tokens)
        if !image.isShared && foldsImageProjections(tokens: tokens.shape[1]) {
            return try output(foldedTokensToImage(queries: projected, image: image))
        }
        guard let projectedImage else {
            let (keys, values) = try imageKeysAndValues(image)
            return try attend(q: projected, k: keys, v: values)
        }
        return try attend(q: projected, k: projectedImage.keys, v: projectedImage.values)
    }

    /// The image's keys (from the positioned image) and values.
    func imageKeysAndValues(_ image: SAMDecoderImage) throws(ModelError) -> (keys: Tensor, values: Tensor) {
        (try key(image.positioned), try value(image.plain))
    }

    /// The image's attention to the tokens (keys from `positionedTokens`, values from `tokens`,
    /// both [B, T, C]) → [B, N, C], with the output projection's bias left to the caller (who
    /// adds it with the residual in one pass). `projectedQueries`: this attention's queries of a
    /// shared image, when already computed.
    func imageToTokens(image: SAMDecoderImage, positionedTokens: Tensor, tokens: Tensor,
                       projectedQueries: Tensor? = nil) throws(ModelError) -> (update: Tensor, outputBias: Tensor?) {
        let keys = try key(positionedTokens), values = try value(tokens)
        let folds = foldsImageProjections(tokens: tokens.shape[1])
        if folds && !image.isShared {
            return (foldedImageToTokens(image: image, keys: keys, values: values, sharedQueries: nil), output.bias)
        }
        let queries: Tensor
        if let projectedQueries { queries = projectedQueries } else { queries = try query(image.positioned) }
        if folds {
            return (foldedImageToTokens(image: image, keys: keys, values: values, sharedQueries: queries), output.bias)
        }
        return (try attend(q: queries, k: keys, v: values), nil)
    }
}
