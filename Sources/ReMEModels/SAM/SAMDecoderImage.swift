import ReMETensor

/// The image side of the mask decoder's two-way transformer: the embedding X and X plus the
/// image positional encoding (what the attentions' image keys and queries read), both
/// [Bk, N, C] channel-last, Bk = 1 while every prompt of the batch shares them (before the
/// first block updates the image) and the batch size afterwards.
struct SAMDecoderImage: Sendable {
    var plain: Tensor
    var positioned: Tensor

    var isShared: Bool { plain.shape[0] == 1 }
    var tokenCount: Int { plain.shape[1] }

    /// `plain` [Bk, N, C] and its positioned copy, `positions` [N, C] added to every batch element.
    init(plain: Tensor, positions: Tensor) {
        self.plain = plain
        positioned = SAMTwoWayLayer.adding(positions, to: plain)
    }

    /// The block's new image `norm(residual + update + bias)` and its positioned copy, each row
    /// summed, normalised and positioned while it is in cache: `update` [B, N, C] (its storage
    /// is reused), `residual` [Bk, N, C] the block's input image (Bk = 1 when shared), `bias`
    /// [C] or nil.
    init(normalizing update: consuming Tensor, residual: Tensor, bias: Tensor?, with norm: LayerNormLayer,
         positions: Tensor) {
        let width = max(update.shape[2], 1), rowsPerImage = update.shape[1]
        let residualRows = residual.count / width, shape = update.shape
        positioned = update.withUnsafeMutableBufferPointer { values in
            Tensor.withBaseAddresses([residual, bias, positions, norm.weight, norm.bias]) { p in
                Tensor(uninitialized: shape) { result in
                    guard let v = values.baseAddress, let out = result.baseAddress, let x = p[0], let pe = p[2] else { return }
                    ParallelChunks.forEach(values.count / width, minimumChunk: max(1, (1 << 15) / width)) { rows in
                        for r in rows {
                            Tensor.residualLayerNormRow(v + r * width, residual: x + (r % residualRows) * width, residualBias: p[1],
                                                        width: width, weight: p[3], bias: p[4], epsilon: norm.epsilon,
                                                        positions: pe + (r % rowsPerImage) * width, positioned: out + r * width)
                        }
                    }
                }
            }
        }
        plain = update
    }
}
