import ReMETensor

/// One block of the mask decoder's two-way transformer (transformers' `SamTwoWayAttentionBlock`):
/// token self-attention, tokens → image cross-attention, MLP on the tokens, image → tokens
/// cross-attention, each followed by a layer norm. Tokens are [B, T, C] (one row of T per
/// prompt); the image (`SAMDecoderImage`) is shared by every prompt until the first block
/// updates it.
struct SAMTwoWayLayer: Sendable {
    var selfAttention: SAMDecoderAttention
    var norm1: LayerNormLayer
    var tokenToImage: SAMDecoderAttention
    var norm2: LayerNormLayer
    var fc1: LinearLayer
    var fc2: LinearLayer
    var activation: Activation
    var norm3: LayerNormLayer
    var norm4: LayerNormLayer
    var imageToToken: SAMDecoderAttention
    /// The first block attends over the tokens without adding their positional part.
    var skipFirstPositions: Bool

    init(_ w: WeightLoader, _ prefix: String, config: SAMMaskDecoderConfig, first: Bool) throws(ModelError) {
        let c = config.hiddenSize, eps = config.layerNormEps, heads = config.numAttentionHeads
        let rate = config.attentionDownsampleRate
        selfAttention = try SAMDecoderAttention(w, "\(prefix).self_attn", width: c, downsampleRate: 1, heads: heads)
        norm1 = try LayerNormLayer(w, "\(prefix).layer_norm1", width: c, epsilon: eps)
        tokenToImage = try SAMDecoderAttention(w, "\(prefix).cross_attn_token_to_image", width: c, downsampleRate: rate, heads: heads)
        norm2 = try LayerNormLayer(w, "\(prefix).layer_norm2", width: c, epsilon: eps)
        fc1 = try LinearLayer(w, "\(prefix).mlp.lin1", in: c, out: config.mlpDim)
        fc2 = try LinearLayer(w, "\(prefix).mlp.lin2", in: config.mlpDim, out: c)
        activation = try Activation.fromConfig(config.hiddenAct)
        norm3 = try LayerNormLayer(w, "\(prefix).layer_norm3", width: c, epsilon: eps)
        norm4 = try LayerNormLayer(w, "\(prefix).layer_norm4", width: c, epsilon: eps)
        imageToToken = try SAMDecoderAttention(w, "\(prefix).cross_attn_image_to_token", width: c, downsampleRate: rate, heads: heads)
        skipFirstPositions = first
    }

    /// This block's projections of an image every prompt shares (the first block's input), which
    /// do not depend on the prompts: computed once for all of them.
    struct SharedImageProjections: Sendable {
        var keys: Tensor
        var values: Tensor
        var imageQueries: Tensor
    }

    func projections(ofShared image: SAMDecoderImage) throws(ModelError) -> SharedImageProjections {
        let (keys, values) = try tokenToImage.imageKeysAndValues(image)
        return SharedImageProjections(keys: keys, values: values, imageQueries: try imageToToken.query(image.positioned))
    }

    /// `queries` [B, T, C], `tokens` [B, T, C] (the initial tokens, the queries' positional part),
    /// `positions` [N, C] the image positional encoding, `shared` this block's projections of the
    /// image when every prompt shares it → the updated queries and image.
    func callAsFunction(queries: Tensor, image: SAMDecoderImage, tokens: Tensor, positions: Tensor,
                        shared: SharedImageProjections? = nil) throws(ModelError) -> (Tensor, SAMDecoderImage) {
        var q: Tensor
        let a = selfAttention
        if skipFirstPositions {
            q = try a.attend(q: try a.query(queries), k: try a.key(queries), v: try a.value(queries))
        } else {
            let positioned = try Self.sum(queries, tokens)
            q = queries
            q.addResidual(try a.attend(q: try a.query(positioned), k: try a.key(positioned), v: try a.value(queries)))
        }
        q = try norm1(q)

        q.addResidual(try tokenToImage.tokensToImage(queries: try Self.sum(q, tokens), image: image,
                                                     projectedImage: shared.map { ($0.keys, $0.values) }))
        q = try norm2(q)

        var hidden = try fc1(q)
        hidden.applyActivation(activation)
        q.addResidual(try fc2(hidden))
        q = try norm3(q)

        let (update, bias) = try imageToToken.imageToTokens(image: image, positionedTokens: try Self.sum(q, tokens), tokens: q,
                                                            projectedQueries: shared?.imageQueries)
        return (q, SAMDecoderImage(normalizing: update, residual: image.plain, bias: bias, with: norm4, positions: positions))
    }

    /// `update` [B, N, C] plus `image` [Bk, N, C] (Bk = B, or 1 or absent: one [N, C] slice added to every batch element).
    static func adding(_ image: Tensor, to update: Tensor) -> Tensor {
        var result = update
        if image.shape == update.shape {
            result.addResidual(image)
            return result
        }
        let slice = image.count
        image.withUnsafeBufferPointer { shared in
            result.withUnsafeMutableBufferPointer { out in
                guard let s = shared.baseAddress, let o = out.baseAddress else { return }
                ParallelChunks.forEach(out.count / max(slice, 1), minimumChunk: 1) { batches in
                    for b in batches {
                        let target = o + b * slice
                        for j in 0..<slice { target[j] += s[j] }
                    }
                }
            }
        }
        return result
    }
}

extension SAMTwoWayLayer {
    /// Element-wise sum of two tensors of one shape (tokens plus their positional part).
    static func sum(_ a: Tensor, _ b: Tensor) throws(ModelError) -> Tensor {
        try tensorOp { () throws(TensorError) in try a + b }
    }
}
