import ReMETensor

/// Output of the CLIP text tower.
public struct TextTowerOutput: Sendable {
    /// [B, T, D] after `final_layer_norm`.
    public var lastHiddenState: Tensor
    /// [B, D]: the end-of-text token's state.
    public var poolerOutput: Tensor
    /// [B, P] projected, not normalised (when the checkpoint has `text_projection`).
    public var textEmbeds: Tensor?
}

/// CLIP's text tower (transformers' `CLIPTextModel`, plus `text_projection` when present).
public struct CLIPTextTower: Sendable {
    public var config: CLIPTextConfig
    var tokenEmbedding: Tensor
    var positionEmbedding: Tensor
    var layers: [TransformerLayer]
    var finalNorm: LayerNormLayer
    var projection: LinearLayer?

    init(config: CLIPTextConfig, projectionDim: Int, weights w: WeightLoader,
         prefix: String = "text_model.", projectionName: String = "text_projection") throws(ModelError) {
        self.config = config
        let d = config.hiddenSize
        let activation = try Activation.fromConfig(config.hiddenAct)
        tokenEmbedding = try w.take("\(prefix)embeddings.token_embedding.weight", shape: [config.vocabSize, d])
        positionEmbedding = try w.take("\(prefix)embeddings.position_embedding.weight",
                                       shape: [config.maxPositionEmbeddings, d])
        layers = try (0..<config.numHiddenLayers).map { (i: Int) throws(ModelError) in
            try CLIPEncoderLayers.load(w, "\(prefix)encoder.layers.\(i)", width: d,
                                       intermediate: config.intermediateSize, heads: config.numAttentionHeads,
                                       epsilon: config.layerNormEps, activation: activation, causal: true)
        }
        finalNorm = try LayerNormLayer(w, "\(prefix)final_layer_norm", width: d, epsilon: config.layerNormEps)
        let projectionKey = "\(projectionName).weight"
        projection = w.contains(projectionKey)
            ? try LinearLayer(w, projectionName, in: d, out: projectionDim, bias: false) : nil
        w.ignore { $0 == "\(prefix)embeddings.position_ids" }
    }

    /// Runs token ids [B][T] (every row the same length, at most `max_position_embeddings`).
    public func callAsFunction(_ ids: [[Int]]) throws(ModelError) -> TextTowerOutput {
        guard let length = ids.first?.count, length > 0, ids.allSatisfy({ $0.count == length }) else {
            throw .invalidInput("token id rows must be non-empty and of equal length")
        }
        guard length <= config.maxPositionEmbeddings else {
            throw .invalidInput("\(length) tokens exceed max_position_embeddings \(config.maxPositionEmbeddings)")
        }
        let d = config.hiddenSize, batch = ids.count
        if let id = ids.joined().first(where: { $0 < 0 || $0 >= config.vocabSize }) {
            throw .invalidInput("token id \(id) is outside the vocabulary (0..<\(config.vocabSize))")
        }
        var x = embed(ids, length: length)
        for layer in layers { x = try layer(x) }
        x = try finalNorm(x)
        let pooled = x.withUnsafeBufferPointer { hidden in
            Tensor(uninitialized: [batch, d]) { out in
                guard let src = hidden.baseAddress, let dst = out.baseAddress else { return }
                for (b, row) in ids.enumerated() {
                    (dst + b * d).initialize(from: src + (b * length + poolIndex(row)) * d, count: d)
                }
            }
        }
        return TextTowerOutput(lastHiddenState: x, poolerOutput: pooled,
                               textEmbeds: try projection.map { (p: LinearLayer) throws(ModelError) in try p(pooled) })
    }

    /// [B, T, D] token plus position embeddings of ids already checked against the vocabulary.
    private func embed(_ ids: [[Int]], length: Int) -> Tensor {
        let d = config.hiddenSize
        return tokenEmbedding.withUnsafeBufferPointer { tokens in
            positionEmbedding.withUnsafeBufferPointer { positions in
                Tensor(uninitialized: [ids.count, length, d]) { out in
                    guard let o = out.baseAddress, let te = tokens.baseAddress,
                          let pe = positions.baseAddress else { return }
                    for (b, row) in ids.enumerated() {
                        for (t, id) in row.enumerated() {
                            let dst = o + (b * length + t) * d, tok = te + id * d, pos = pe + t * d
                            for j in 0..<d { dst[j] = tok[j] + pos[j] }
                        }
                    }
                }
            }
        }
    }

    /// transformers' rule: with the legacy `eos_token_id == 2`, the position of the highest id
    /// (first one on ties); otherwise the first position of `eos_token_id` (0 when absent).
    func poolIndex(_ row: [Int]) -> Int {
        if config.eosTokenId == 2 {
            var best = 0
            for (i, id) in row.enumerated() where id > row[best] { best = i }
            return best
        }
        return row.firstIndex(of: config.eosTokenId) ?? 0
    }
}
