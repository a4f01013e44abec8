import ReMETensor

/// The neck of SAM's image encoder (transformers' `SamVisionNeck`): a 1×1 convolution to the
/// output channels, a channel layer norm, a 3×3 convolution (padding 1) and another channel
/// layer norm, all without bias. Tokens stay channel-last ([side², C]), so the channel layer
/// norms are row layer norms and the 1×1 convolution is a linear layer.
struct SAMVisionNeck: Sendable {
    var reduce: LinearLayer
    var norm1: LayerNormLayer
    /// The 3×3 kernel flattened to [C, C·9] (input channel, kernel row, kernel column).
    var mix: LinearLayer
    var norm2: LayerNormLayer
    var channels: Int

    init(_ w: WeightLoader, _ prefix: String, config: SAMVisionConfig) throws(ModelError) {
        let c = config.outputChannels, d = config.hiddenSize
        let pointwise = try w.take("\(prefix).conv1.weight", shape: [c, d, 1, 1])
        let spatial = try w.take("\(prefix).conv2.weight", shape: [c, c, 3, 3])
        reduce = LinearLayer(weight: pointwise.reshapedRows(d), bias: nil)
        mix = LinearLayer(weight: spatial.reshapedRows(c * 9), bias: nil)
        // SamLayerNorm's default epsilon; the neck does not pass the config's.
        norm1 = try LayerNormLayer(w, "\(prefix).layer_norm1", width: c, epsilon: 1e-6)
        norm2 = try LayerNormLayer(w, "\(prefix).layer_norm2", width: c, epsilon: 1e-6)
        channels = c
    }

    /// [side², D] → [side², C].
    func callAsFunction(_ x: Tensor, side: Int) throws(ModelError) -> Tensor {
        let reduced = try norm1(try reduce(x))
        return try norm2(try mix(Self.unfold3x3(reduced, side: side)))
    }

    /// im2col for a 3×3 kernel with zero padding 1: [side², C] → [side², C·9], each row the
    /// token's neighbourhood in (channel, kernel row, kernel column) order.
    static func unfold3x3(_ x: Tensor, side: Int) -> Tensor {
        let c = x.shape[1]
        return x.withUnsafeBufferPointer { source in
            Tensor(uninitialized: [side * side, c * 9]) { columns in
                guard let src = source.baseAddress, let dst = columns.baseAddress else { return }
                ParallelChunks.forEach(side, minimumChunk: 4) { rows in
                    for y in rows {
                        for x in 0..<side {
                            let out = dst + (y * side + x) * c * 9
                            for ky in 0..<3 {
                                for kx in 0..<3 {
                                    let sy = y + ky - 1, sx = x + kx - 1, tap = ky * 3 + kx
                                    if sy < 0 || sy >= side || sx < 0 || sx >= side {
                                        for ch in 0..<c { out[ch * 9 + tap] = 0 }
                                    } else {
                                        let input = src + (sy * side + sx) * c
                                        for ch in 0..<c { out[ch * 9 + tap] = input[ch] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
