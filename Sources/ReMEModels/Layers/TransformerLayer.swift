import ReMETensor

/// The feed-forward half of a transformer layer.
enum FeedForward: Sendable {
    /// `fc2(act(fc1(x)))`.
    case mlp(fc1: LinearLayer, fc2: LinearLayer, activation: Activation)
    /// `down(silu(gate(x)) · up(x))`, with gate and up stacked in one weight (gate rows first).
    case swiGLU(gateUp: LinearLayer, down: LinearLayer)

    func callAsFunction(_ x: Tensor) throws(ModelError) -> Tensor {
        switch self {
        case let .mlp(fc1, fc2, activation):
            var h = try fc1(x)
            h.withUnsafeMutableBufferPointer { elements in
                guard let p = elements.baseAddress else { return }
                ParallelChunks.forEach(elements.count) { range in
                    activation.apply(to: p + range.lowerBound, count: range.count)
                }
            }
            return try fc2(h)
        case let .swiGLU(gateUp, down):
            let both = try gateUp(x)
            let hidden = gateUp.outFeatures / 2
            let rows = both.count / gateUp.outFeatures
            let h = both.withUnsafeBufferPointer { gatesAndUps in
                Tensor(uninitialized: Array(x.shape.dropLast()) + [hidden]) { out in
                    guard let src = gatesAndUps.baseAddress, let dst = out.baseAddress else { return }
                    ParallelChunks.forEach(rows, minimumChunk: max(1, (1 << 14) / max(hidden, 1))) { range in
                        for r in range {
                            let g = src + r * 2 * hidden, u = g + hidden, o = dst + r * hidden
                            for j in 0..<hidden { o[j] = Activation.silu(g[j]) * u[j] }
                        }
                    }
                }
            }
            return try down(h)
        }
    }
}

/// A pre-norm transformer layer (CLIP's and DINOv2's):
/// `x += ls1 · attn(norm1(x))`, `x += ls2 · ffn(norm2(x))`, with layer scales only for DINOv2.
struct TransformerLayer: Sendable {
    var norm1: LayerNormLayer
    /// q, k and v projections fused into one [3·D, D] weight at load time.
    var qkv: LinearLayer
    var output: LinearLayer
    var layerScale1: Tensor?
    var norm2: LayerNormLayer
    var feedForward: FeedForward
    var layerScale2: Tensor?
    var heads: Int
    var causal: Bool

    func callAsFunction(_ x: Tensor) throws(ModelError) -> Tensor {
        var x = x
        let projected = try qkv(norm1(x))
        let attended = try tensorOp { () throws(TensorError) in
            try Attention.fused(projected, heads: heads, causal: causal)
        }
        x.addResidual(try output(attended), scale: layerScale1)
        x.addResidual(try feedForward(norm2(x)), scale: layerScale2)
        return x
    }
}
