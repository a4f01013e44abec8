import ReMETensor

/// SAM's mask decoder (transformers' `SamMaskDecoder`): output tokens (IoU token, mask tokens)
/// followed by the prompt tokens go through the two-way transformer with the image embedding;
/// the mask tokens' hypernetwork MLPs weight the upscaled image embedding into masks, and the
/// IoU token's head scores them.
struct SAMMaskDecoder: Sendable {
    var config: SAMMaskDecoderConfig
    /// [1 + K, C]: the IoU token then the K mask tokens.
    var outputTokens: Tensor
    var layers: [SAMTwoWayLayer]
    var finalAttention: SAMDecoderAttention
    /// [N, C]: the image positional encoding the attentions add to the image.
    var imagePositions: Tensor
    var finalNorm: LayerNormLayer
    var upscaler: SAMMaskUpscaler
    var hypernetworks: [SAMFeedForward]
    var iouHead: SAMFeedForward

    /// Prompts decoded together: bounds the per-prompt images held at once (each block's
    /// image and its positioned copy, 16 × 4 096 × 256 floats, 64 MB apiece).
    static let promptChunk = 16

    init(_ w: WeightLoader, config: SAMMaskDecoderConfig, imagePositions: Tensor) throws(ModelError) {
        self.config = config
        let c = config.hiddenSize, k = config.numMaskTokens, p = "mask_decoder"
        let iou = try w.take("\(p).iou_token.weight", shape: [1, c])
        let masks = try w.take("\(p).mask_tokens.weight", shape: [k, c])
        outputTokens = try tensorOp { () throws(TensorError) in try Tensor.concatenate([iou, masks]) }
        layers = try (0..<config.numHiddenLayers).map { (i: Int) throws(ModelError) in
            try SAMTwoWayLayer(w, "\(p).transformer.layers.\(i)", config: config, first: i == 0)
        }
        finalAttention = try SAMDecoderAttention(w, "\(p).transformer.final_attn_token_to_image", width: c,
                                                 downsampleRate: config.attentionDownsampleRate, heads: config.numAttentionHeads)
        self.imagePositions = imagePositions
        // nn.LayerNorm's default epsilon: transformers does not pass the config's here.
        finalNorm = try LayerNormLayer(w, "\(p).transformer.layer_norm_final_attn", width: c, epsilon: 1e-5)
        upscaler = try SAMMaskUpscaler(w, width: c)
        hypernetworks = try (0..<k).map { (i: Int) throws(ModelError) in
            try SAMFeedForward(w, "\(p).output_hypernetworks_mlps.\(i)", input: c, hidden: c, output: c / 8, depth: 3)
        }
        iouHead = try SAMFeedForward(w, "\(p).iou_prediction_head", input: c, hidden: config.iouHeadHiddenDim,
                                     output: k, depth: config.iouHeadDepth)
    }

    /// `image` [Bk, N, C] (the image embedding plus the dense prompt embeddings, channel-last,
    /// N = side², Bk = B or 1 when shared by every prompt), `sparse` [B, S, C] or nil →
    /// masks [B, M, 4·side, 4·side] and IoU scores [B, M]. Prompts whose every score is at or below
    /// `skippingAtOrBelow` get zero masks without being upscaled.
    func callAsFunction(image: Tensor, side: Int, sparse: Tensor?, batch: Int, multimask: Bool,
                        skippingAtOrBelow threshold: Float? = nil) throws(ModelError) -> SAMMaskPrediction {
        let selected = multimask ? 1..<config.numMaskTokens : 0..<1
        var maskParts: [Tensor] = [], iouParts: [Tensor] = []
        // An image every prompt shares (no mask inputs) and the first block's projections of it
        // are the same for every chunk.
        let shared = image.shape[0] == 1 ? SAMDecoderImage(plain: image, positions: imagePositions) : nil
        let projections = try shared.flatMap { (image: SAMDecoderImage) throws(ModelError) in try layers.first?.projections(ofShared: image) }
        var first = 0
        while first < batch {
            let count = min(Self.promptChunk, batch - first)
            let chunk = sparse.map { $0.rows(first..<first + count) }
            let images = shared ?? SAMDecoderImage(plain: image.rows(first..<first + count), positions: imagePositions)
            let (masks, iou) = try decode(image: images, projections: projections, side: side, sparse: chunk, batch: count,
                                          selected: selected, skippingAtOrBelow: threshold)
            maskParts.append(masks)
            iouParts.append(iou)
            first += count
        }
        return try tensorOp { () throws(TensorError) in
            SAMMaskPrediction(lowResolutionMasks: try Tensor.concatenate(maskParts), iouScores: try Tensor.concatenate(iouParts))
        }
    }

    private func decode(image: SAMDecoderImage, projections: SAMTwoWayLayer.SharedImageProjections?, side: Int,
                        sparse: Tensor?, batch: Int, selected: Range<Int>,
                        skippingAtOrBelow threshold: Float?) throws(ModelError) -> (Tensor, Tensor) {
        let c = config.hiddenSize, k = config.numMaskTokens
        let tokens = Self.tokens(outputTokens, sparse: sparse, batch: batch)
        let count = tokens.shape[1]
        var queries = tokens
        var updated = image
        for (index, layer) in layers.enumerated() {
            (queries, updated) = try layer(queries: queries, image: updated, tokens: tokens, positions: imagePositions,
                                           shared: index == 0 ? projections : nil)
        }
        queries.addResidual(try finalAttention.tokensToImage(queries: try SAMTwoWayLayer.sum(queries, tokens), image: updated))
        queries = try finalNorm(queries)
        var keys = updated.plain
        if keys.shape[0] != batch {  // no decoder layers: the image is still shared
            keys = SAMTwoWayLayer.adding(keys, to: Tensor(zeros: [batch, side * side, c]))
        }

        // Every mask token's hypernetwork output, [B, K, C/8], and the IoU head on token 0.
        let tokenRows = queries.scalars
        var hyper = Tensor(zeros: [batch, k, c / 8])
        for i in 0..<k {
            let input = Self.token(i + 1, of: tokenRows, batch: batch, count: count, width: c)
            let weights = try hypernetworks[i](input).scalars
            hyper.withUnsafeMutableBufferPointer { h in
                for b in 0..<batch {
                    for j in 0..<(c / 8) { h[(b * k + i) * (c / 8) + j] = weights[b * (c / 8) + j] }
                }
            }
        }
        let scores = try iouHead(Self.token(0, of: tokenRows, batch: batch, count: count, width: c)).scalars
        let iou = Tensor(uninitialized: [batch, selected.count]) { out in
            for b in 0..<batch {
                for (m, t) in selected.enumerated() { out[b * selected.count + m] = scores[b * k + t] }
            }
        }
        let needed = threshold.map { t in (0..<batch).filter { b in selected.contains { scores[b * k + $0] > t } } }
        guard let needed, needed.count < batch else {
            return (upscaler.masks(image: keys, side: side, hyper: hyper, selected: selected), iou)
        }
        let plane = selected.count * 16 * side * side
        var masks = Tensor(zeros: [batch, selected.count, 4 * side, 4 * side])
        if !needed.isEmpty {
            let kept = upscaler.masks(image: Self.rows(needed, of: keys), side: side, hyper: Self.rows(needed, of: hyper),
                                      selected: selected)
            kept.withUnsafeBufferPointer { source in
                masks.withUnsafeMutableBufferPointer { target in
                    guard let from = source.baseAddress, let to = target.baseAddress else { return }
                    for (n, b) in needed.enumerated() { (to + b * plane).update(from: from + n * plane, count: plane) }
                }
            }
        }
        return (masks, iou)
    }

    /// The given rows (first axis) of `tensor`, in order.
    static func rows(_ indices: [Int], of tensor: Tensor) -> Tensor {
        let shape = [indices.count] + tensor.shape.dropFirst()
        let size = tensor.shape.dropFirst().reduce(1, *)
        return tensor.withUnsafeBufferPointer { source in
            Tensor(uninitialized: shape) { out in
                guard let from = source.baseAddress, let to = out.baseAddress else { return }
                for (n, row) in indices.enumerated() { (to + n * size).initialize(from: from + row * size, count: size) }
            }
        }
    }

    /// [B, 1 + K + S, C]: the output tokens then each prompt's sparse tokens.
    static func tokens(_ output: Tensor, sparse: Tensor?, batch: Int) -> Tensor {
        let c = output.shape[1], fixed = output.shape[0], extra = sparse?.shape[1] ?? 0
        let count = fixed + extra
        return output.withUnsafeBufferPointer { o in
            sparse.withOptionalBufferPointer { s in
                Tensor(uninitialized: [batch, count, c]) { out in
                    guard let dst = out.baseAddress, let src = o.baseAddress else { return }
                    for b in 0..<batch {
                        (dst + b * count * c).initialize(from: src, count: fixed * c)
                        if let prompt = s?.baseAddress {
                            (dst + (b * count + fixed) * c).initialize(from: prompt + b * extra * c, count: extra * c)
                        }
                    }
                }
            }
        }
    }

    /// Token `index` of every prompt: [B, C].
    static func token(_ index: Int, of rows: [Float], batch: Int, count: Int, width: Int) -> Tensor {
        Tensor(uninitialized: [batch, width]) { out in
            for b in 0..<batch {
                for j in 0..<width { out[b * width + j] = rows[(b * count + index) * width + j] }
            }
        }
    }
}
