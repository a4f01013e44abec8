import ReMETensor

/// CLIP's image tower (transformers' `CLIPVisionModel`, plus `visual_projection` when present):
/// patch embedding, class token, position embeddings, `pre_layrnorm`, pre-norm encoder layers,
/// `post_layernorm` on the class token.
public struct CLIPVisionTower: Sendable {
    public let config: CLIPVisionConfig
    var patches: PatchEmbedding
    var classEmbedding: Tensor
    var positions: Tensor
    var preNorm: LayerNormLayer
    var layers: [TransformerLayer]
    var postNorm: LayerNormLayer
    var projection: LinearLayer?

    /// Loads `<prefix>embeddings…`, `<prefix>encoder.layers.N…` and, when the checkpoint has it,
    /// `<projectionName>.weight` [projectionDim, D].
    init(config: CLIPVisionConfig, projectionDim: Int, weights w: WeightLoader,
         prefix: String = "vision_model.", projectionName: String = "visual_projection") throws(ModelError) {
        self.config = config
        let d = config.hiddenSize
        let activation = try Activation.fromConfig(config.hiddenAct)
        guard config.imageSize % config.patchSize == 0 else {
            throw .invalidConfig(file: "config.json", reason: "image_size \(config.imageSize) is not a multiple of patch_size \(config.patchSize)")
        }
        let grid = config.imageSize / config.patchSize
        patches = try PatchEmbedding(w, "\(prefix)embeddings.patch_embedding", channels: config.numChannels,
                                     width: d, patchSize: config.patchSize, bias: false)
        classEmbedding = try w.take("\(prefix)embeddings.class_embedding", shape: [d])
        positions = try w.take("\(prefix)embeddings.position_embedding.weight", shape: [grid * grid + 1, d])
        preNorm = try LayerNormLayer(w, "\(prefix)pre_layrnorm", width: d, epsilon: config.layerNormEps)
        layers = try (0..<config.numHiddenLayers).map { (i: Int) throws(ModelError) in
            try CLIPEncoderLayers.load(w, "\(prefix)encoder.layers.\(i)", width: d,
                                       intermediate: config.intermediateSize, heads: config.numAttentionHeads,
                                       epsilon: config.layerNormEps, activation: activation, causal: false)
        }
        postNorm = try LayerNormLayer(w, "\(prefix)post_layernorm", width: d, epsilon: config.layerNormEps)
        let projectionKey = "\(projectionName).weight"
        projection = w.contains(projectionKey)
            ? try LinearLayer(w, projectionName, in: d, out: projectionDim, bias: false) : nil
        w.ignore { $0 == "\(prefix)embeddings.position_ids" }
    }

    /// - Parameter interpolatePositions: accept sizes other than `image_size` by resampling the
    ///   position embeddings (transformers' `interpolate_pos_encoding=True`); off by default,
    ///   as in transformers, where another size is an error.
    public func callAsFunction(_ pixels: Tensor, interpolatePositions: Bool = false) throws(ModelError) -> ImageTowerOutput {
        guard pixels.rank == 4 else {
            throw .invalidInput("pixel_values has shape \(pixels.shape), expected [B, \(config.numChannels), H, W]")
        }
        let height = pixels.shape[2], width = pixels.shape[3]
        if !interpolatePositions, height != config.imageSize || width != config.imageSize {
            throw .imageSizeMismatch(height: height, width: width, expected: config.imageSize)
        }
        let (rows, columns) = try patches.grid(height: height, width: width)
        let table = (interpolatePositions && !(rows == columns && rows * columns + 1 == positions.shape[0]))
            ? try TokenAssembly.positions(positions, rows: rows, columns: columns, antialias: false)
            : positions
        var x = TokenAssembly.assemble(patches: try patches(pixels), classToken: classEmbedding, positions: table)
        x = try preNorm(x)
        for layer in layers { x = try layer(x) }
        let pooled = try postNorm(TokenAssembly.firstToken(x))
        return ImageTowerOutput(lastHiddenState: x, poolerOutput: pooled,
                                imageEmbeds: try projection.map { (p: LinearLayer) throws(ModelError) in try p(pooled) },
                                gridRows: rows, gridColumns: columns)
    }
}

/// CLIP's encoder layer naming (`self_attn.{q,k,v,out}_proj`, `layer_norm1/2`, `mlp.fc1/2`).
enum CLIPEncoderLayers {
    static func load(_ w: WeightLoader, _ p: String, width d: Int, intermediate: Int, heads: Int,
                     epsilon: Float, activation: Activation, causal: Bool) throws(ModelError) -> TransformerLayer {
        guard heads > 0, d % heads == 0 else {
            throw .invalidConfig(file: "config.json", reason: "hidden_size \(d) is not divisible by num_attention_heads \(heads)")
        }
        let q = try LinearLayer(w, "\(p).self_attn.q_proj", in: d, out: d)
        let k = try LinearLayer(w, "\(p).self_attn.k_proj", in: d, out: d)
        let v = try LinearLayer(w, "\(p).self_attn.v_proj", in: d, out: d)
        return TransformerLayer(
            norm1: try LayerNormLayer(w, "\(p).layer_norm1", width: d, epsilon: epsilon),
            qkv: try LinearLayer(fusing: [q, k, v]),
            output: try LinearLayer(w, "\(p).self_attn.out_proj", in: d, out: d),
            layerScale1: nil,
            norm2: try LayerNormLayer(w, "\(p).layer_norm2", width: d, epsilon: epsilon),
            feedForward: .mlp(fc1: try LinearLayer(w, "\(p).mlp.fc1", in: d, out: intermediate),
                              fc2: try LinearLayer(w, "\(p).mlp.fc2", in: intermediate, out: d),
                              activation: activation),
            layerScale2: nil, heads: heads, causal: causal)
    }
}
