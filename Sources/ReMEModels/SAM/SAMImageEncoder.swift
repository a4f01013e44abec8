import ReMETensor

/// SAM's image encoder (transformers' `SamVisionEncoder`): 16×16 patch embedding, absolute
/// position embedding, ViT layers with windowed attention except at `global_attn_indexes`,
/// and the neck. Tokens are kept channel-last, [side², D], in raster order.
struct SAMImageEncoder: Sendable {
    var config: SAMVisionConfig
    var patches: PatchEmbedding
    /// [side², D], or nil without `use_abs_pos`.
    var positions: Tensor?
    var layers: [SAMVisionLayer]
    var neck: SAMVisionNeck

    init(_ w: WeightLoader, config: SAMVisionConfig) throws(ModelError) {
        self.config = config
        let d = config.hiddenSize, side = config.gridSize
        patches = try PatchEmbedding(w, "vision_encoder.patch_embed.projection", channels: config.numChannels,
                                     width: d, patchSize: config.patchSize, bias: true)
        positions = config.useAbsPos ? try w.take("vision_encoder.pos_embed", shape: [1, side, side, d]).reshapedRows(d) : nil
        layers = try (0..<config.numHiddenLayers).map { (i: Int) throws(ModelError) in
            let global = config.globalAttnIndexes.contains(i)
            return try SAMVisionLayer(w, "vision_encoder.layers.\(i)", config: config, windowSize: global ? 0 : config.windowSize)
        }
        neck = try SAMVisionNeck(w, "vision_encoder.neck", config: config)
    }

    /// `pixels` [1, C, S, S] with S the configured image size → [side², output channels].
    func callAsFunction(_ pixels: Tensor) throws(ModelError) -> Tensor {
        let side = config.gridSize
        var x = try patches(pixels).reshapedRows(config.hiddenSize)
        if let positions { x.addResidual(positions) }
        for layer in layers { x = try layer(x, side: side) }
        return try neck(x, side: side)
    }
}
