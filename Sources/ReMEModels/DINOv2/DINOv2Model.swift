import ReMETensor

/// DINOv2 image tower (transformers' `Dinov2Model` and `Dinov2WithRegistersModel`): patch
/// embedding, CLS token, position embeddings resampled to the input's patch grid, register
/// tokens, pre-norm layers with layer scale and an MLP or SwiGLU feed-forward, final layer norm.
/// `pooler_output` is the CLS token after the final layer norm.
public struct DINOv2Model: Sendable {
    public let config: DINOv2Config
    var patches: PatchEmbedding
    var classToken: Tensor
    var registers: Tensor?
    var positions: Tensor
    var layers: [TransformerLayer]
    var finalNorm: LayerNormLayer

    /// Loads the Hugging Face hub layout (`attention.attention.query`, `mlp.weights_in`, …) and the
    /// names transformers 5 uses in memory (`attention.q_proj`, `mlp.gate_proj`, …).
    public init(config: DINOv2Config, weights w: WeightLoader) throws(ModelError) {
        self.config = config
        let d = config.hiddenSize, p = config.patchSize
        guard config.numAttentionHeads > 0, d % config.numAttentionHeads == 0 else {
            throw .invalidConfig(file: "config.json", reason: "hidden_size \(d) is not divisible by num_attention_heads \(config.numAttentionHeads)")
        }
        let activation = try Activation.fromConfig(config.hiddenAct)
        let side = config.imageSize / p
        patches = try PatchEmbedding(w, "embeddings.patch_embeddings.projection", channels: config.numChannels,
                                     width: d, patchSize: p, bias: true)
        classToken = try w.take("embeddings.cls_token", shape: [1, 1, d]).reshapedRows(d)
        positions = try w.take("embeddings.position_embeddings", shape: [1, side * side + 1, d]).reshapedRows(d)
        registers = config.numRegisterTokens > 0
            ? try w.take("embeddings.register_tokens", shape: [1, config.numRegisterTokens, d]).reshapedRows(d)
            : nil
        layers = try (0..<config.numHiddenLayers).map { (i: Int) throws(ModelError) in
            try Self.layer(w, "encoder.layer.\(i)", config: config, activation: activation)
        }
        finalNorm = try LayerNormLayer(w, "layernorm", width: d, epsilon: config.layerNormEps)
        // Only used in masked-image pre-training.
        w.ignore { $0 == "embeddings.mask_token" }
    }

    private static func layer(_ w: WeightLoader, _ p: String, config: DINOv2Config,
                              activation: Activation) throws(ModelError) -> TransformerLayer {
        let d = config.hiddenSize, eps = config.layerNormEps, ffn = config.feedForwardWidth
        func projection(_ hub: String, _ v5: String) throws(ModelError) -> LinearLayer {
            let name = w.contains("\(p).\(hub).weight") ? "\(p).\(hub)" : "\(p).\(v5)"
            return try LinearLayer(w, name, in: d, out: d, bias: config.qkvBias)
        }
        let q = try projection("attention.attention.query", "attention.q_proj")
        let k = try projection("attention.attention.key", "attention.k_proj")
        let v = try projection("attention.attention.value", "attention.v_proj")
        let outName = w.contains("\(p).attention.output.dense.weight") ? "\(p).attention.output.dense" : "\(p).attention.o_proj"
        let feedForward: FeedForward
        if config.useSwigluFfn {
            let gateUp: LinearLayer
            if w.contains("\(p).mlp.weights_in.weight") {
                gateUp = try LinearLayer(w, "\(p).mlp.weights_in", in: d, out: 2 * ffn)
            } else {
                gateUp = try LinearLayer(fusing: [try LinearLayer(w, "\(p).mlp.gate_proj", in: d, out: ffn),
                                                  try LinearLayer(w, "\(p).mlp.up_proj", in: d, out: ffn)])
            }
            let downName = w.contains("\(p).mlp.weights_out.weight") ? "\(p).mlp.weights_out" : "\(p).mlp.down_proj"
            feedForward = .swiGLU(gateUp: gateUp, down: try LinearLayer(w, downName, in: ffn, out: d))
        } else {
            feedForward = .mlp(fc1: try LinearLayer(w, "\(p).mlp.fc1", in: d, out: ffn),
                               fc2: try LinearLayer(w, "\(p).mlp.fc2", in: ffn, out: d), activation: activation)
        }
        return TransformerLayer(
            norm1: try LayerNormLayer(w, "\(p).norm1", width: d, epsilon: eps),
            qkv: try LinearLayer(fusing: [q, k, v]),
            output: try LinearLayer(w, outName, in: d, out: d),
            layerScale1: try w.take("\(p).layer_scale1.lambda1", shape: [d]),
            norm2: try LayerNormLayer(w, "\(p).norm2", width: d, epsilon: eps),
            feedForward: feedForward,
            layerScale2: try w.take("\(p).layer_scale2.lambda1", shape: [d]),
            heads: config.numAttentionHeads, causal: false)
    }

    /// Number of tokens before the patches (CLS and registers).
    public var prefixTokens: Int { 1 + config.numRegisterTokens }

    /// Runs pixels [B, C, H, W] with H and W multiples of the patch size. Position embeddings
    /// are resampled when the patch grid differs from the checkpoint's (bicubic; antialiased for
    /// the registers variant, as in transformers 5.24).
    public func callAsFunction(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput {
        guard pixels.rank == 4 else {
            throw .invalidInput("pixel_values has shape \(pixels.shape), expected [B, \(config.numChannels), H, W]")
        }
        let height = pixels.shape[2], width = pixels.shape[3]
        let (rows, columns) = try patches.grid(height: height, width: width)
        let stored = positions.shape[0] - 1
        // transformers skips resampling only when the patch count matches and the image is square.
        let table = (rows * columns == stored && height == width)
            ? positions
            : try TokenAssembly.positions(positions, rows: rows, columns: columns,
                                          antialias: config.modelType == "dinov2_with_registers")
        var x = TokenAssembly.assemble(patches: try patches(pixels), classToken: classToken,
                                       positions: table, registers: registers)
        for layer in layers { x = try layer(x) }
        x = try finalNorm(x)
        return ImageTowerOutput(lastHiddenState: x, poolerOutput: TokenAssembly.firstToken(x), imageEmbeds: nil,
                                gridRows: rows, gridColumns: columns)
    }
}

extension Tensor {
    /// The same elements as rows of width `d` ([count/d, d]).
    func reshapedRows(_ d: Int) -> Tensor {
        // Shapes were checked by the loader, so the element count always divides.
        guard let t = try? reshaped([-1, d]) else { preconditionFailure("row width \(d) does not divide \(count)") }
        return t
    }
}
