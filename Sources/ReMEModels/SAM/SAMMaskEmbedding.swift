import ReMETensor

/// The prompt encoder's embedding of a mask input (transformers' `SamMaskEmbedding`): a 2×2
/// stride-2 convolution to `mask_input_channels / 4`, channel layer norm, activation, a 2×2
/// stride-2 convolution to `mask_input_channels`, channel layer norm, activation and a 1×1
/// convolution to the decoder width: [4·side, 4·side] logits → [side², C], channel-last.
struct SAMMaskEmbedding: Sendable {
    var conv1: LinearLayer
    var norm1: LayerNormLayer
    var conv2: LinearLayer
    var norm2: LayerNormLayer
    var conv3: LinearLayer
    var activation: Activation

    init(_ w: WeightLoader, config p: SAMPromptEncoderConfig) throws(ModelError) {
        let m = p.maskInputChannels, quarter = m / 4, c = p.hiddenSize, prefix = "prompt_encoder.mask_embed"
        func convolution(_ name: String, out: Int, in inputs: Int, kernel: Int) throws(ModelError) -> LinearLayer {
            let weight = try w.take("\(prefix).\(name).weight", shape: [out, inputs, kernel, kernel])
            return LinearLayer(weight: weight.reshapedRows(inputs * kernel * kernel), bias: try w.take("\(prefix).\(name).bias", shape: [out]))
        }
        conv1 = try convolution("conv1", out: quarter, in: 1, kernel: 2)
        norm1 = try LayerNormLayer(w, "\(prefix).layer_norm1", width: quarter, epsilon: p.layerNormEps)
        conv2 = try convolution("conv2", out: m, in: quarter, kernel: 2)
        norm2 = try LayerNormLayer(w, "\(prefix).layer_norm2", width: m, epsilon: p.layerNormEps)
        conv3 = try convolution("conv3", out: c, in: m, kernel: 1)
        activation = try Activation.fromConfig(p.hiddenAct)
    }

    /// `mask` [4·side, 4·side] → [side², C].
    func callAsFunction(_ mask: Tensor, side: Int) throws(ModelError) -> Tensor {
        var h = try norm1(try conv1(Self.unfold2x2(mask, side: 2 * side, channels: 1)))
        h.applyActivation(activation)
        h = try norm2(try conv2(Self.unfold2x2(h, side: side, channels: h.shape[1])))
        h.applyActivation(activation)
        return try conv3(h)
    }

    /// im2col for a 2×2 stride-2 kernel: channel-last [(2·side)², Cin] (or a single-channel
    /// plane) → [side², Cin·4] in (channel, kernel row, kernel column) order.
    static func unfold2x2(_ x: Tensor, side: Int, channels: Int) -> Tensor {
        let inSide = 2 * side
        return x.withUnsafeBufferPointer { source in
            Tensor(uninitialized: [side * side, channels * 4]) { out in
                for y in 0..<side {
                    for x in 0..<side {
                        let row = (y * side + x) * channels * 4
                        for dy in 0..<2 {
                            for dx in 0..<2 {
                                let pixel = ((2 * y + dy) * inSide + 2 * x + dx) * channels
                                for c in 0..<channels { out[row + c * 4 + dy * 2 + dx] = source[pixel + c] }
                            }
                        }
                    }
                }
            }
        }
    }
}
