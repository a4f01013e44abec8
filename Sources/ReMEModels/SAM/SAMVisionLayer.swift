import ReMETensor

/// One pre-norm layer of SAM's image encoder (transformers' `SamVisionLayer`): layer norm,
/// windowed or global attention with relative positions, residual, layer norm, MLP, residual.
struct SAMVisionLayer: Sendable {
    var norm1: LayerNormLayer
    var attention: SAMVisionAttention
    var norm2: LayerNormLayer
    var fc1: LinearLayer
    var fc2: LinearLayer
    var activation: Activation
    /// 0 for global attention.
    var windowSize: Int

    init(_ w: WeightLoader, _ prefix: String, config: SAMVisionConfig, windowSize: Int) throws(ModelError) {
        let d = config.hiddenSize, eps = config.layerNormEps
        norm1 = try LayerNormLayer(w, "\(prefix).layer_norm1", width: d, epsilon: eps)
        attention = try SAMVisionAttention(w, "\(prefix).attn", config: config,
                                           side: windowSize > 0 ? windowSize : config.gridSize)
        norm2 = try LayerNormLayer(w, "\(prefix).layer_norm2", width: d, epsilon: eps)
        fc1 = try LinearLayer(w, "\(prefix).mlp.lin1", in: d, out: config.mlpDim)
        fc2 = try LinearLayer(w, "\(prefix).mlp.lin2", in: config.mlpDim, out: d)
        activation = try Activation.fromConfig(config.hiddenAct)
        self.windowSize = windowSize
    }

    /// `x` [side², D], tokens in raster order → the same shape.
    func callAsFunction(_ x: Tensor, side: Int) throws(ModelError) -> Tensor {
        let normed = try norm1(x)
        let attended: Tensor
        if windowSize > 0 {
            let windows = SAMWindows.partition(normed, side: side, window: windowSize)
            attended = SAMWindows.unpartition(try attention.attend(windows), side: side, window: windowSize)
        } else {
            let grid = try tensorOp { () throws(TensorError) in try normed.reshaped([1, side * side, normed.shape[1]]) }
            attended = try attention.attend(grid).reshapedRows(normed.shape[1])
        }
        // The projection is per token, so it runs after the unpartition on the unpadded tokens only.
        var hidden = x
        hidden.addResidual(try attention.projection(attended))
        var inner = try fc1(try norm2(hidden))
        inner.applyActivation(activation)
        hidden.addResidual(try fc2(inner))
        return hidden
    }
}
