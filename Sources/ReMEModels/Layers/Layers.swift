import ReMETensor

/// `y = x·Wᵀ + b` with a Hugging Face `[out, in]` weight.
struct LinearLayer: Sendable {
    var weight: Tensor
    var bias: Tensor?

    var outFeatures: Int { weight.shape[0] }

    /// Loads `<prefix>.weight` [out, in] and, when `bias`, `<prefix>.bias` [out].
    init(_ w: WeightLoader, _ prefix: String, in inFeatures: Int, out outFeatures: Int,
         bias: Bool = true) throws(ModelError) {
        weight = try w.take("\(prefix).weight", shape: [outFeatures, inFeatures])
        self.bias = bias ? try w.take("\(prefix).bias", shape: [outFeatures]) : nil
    }

    init(weight: Tensor, bias: Tensor?) {
        self.weight = weight
        self.bias = bias
    }

    /// Several layers reading the same input, stacked into one (one GEMM instead of several).
    init(fusing parts: [LinearLayer]) throws(ModelError) {
        weight = try tensorOp { () throws(TensorError) in try Tensor.concatenate(parts.map(\.weight)) }
        let biases = parts.compactMap(\.bias)
        if biases.isEmpty {
            bias = nil
        } else if biases.count == parts.count {
            bias = try tensorOp { () throws(TensorError) in try Tensor.concatenate(biases) }
        } else {
            // Mixed: zero-fill the missing ones.
            let filled = parts.map { $0.bias ?? Tensor(zeros: [$0.outFeatures]) }
            bias = try tensorOp { () throws(TensorError) in try Tensor.concatenate(filled) }
        }
    }

    func callAsFunction(_ x: Tensor) throws(ModelError) -> Tensor {
        try tensorOp { () throws(TensorError) in try Tensor.linear(x, weight: weight, bias: bias) }
    }
}

/// `torch.nn.LayerNorm` over the last axis.
struct LayerNormLayer: Sendable {
    var weight: Tensor
    var bias: Tensor
    var epsilon: Float

    init(_ w: WeightLoader, _ prefix: String, width: Int, epsilon: Float) throws(ModelError) {
        weight = try w.take("\(prefix).weight", shape: [width])
        bias = try w.take("\(prefix).bias", shape: [width])
        self.epsilon = epsilon
    }

    func callAsFunction(_ x: Tensor) throws(ModelError) -> Tensor {
        try tensorOp { () throws(TensorError) in try x.layerNorm(weight: weight, bias: bias, epsilon: epsilon) }
    }
}

extension Tensor {
    /// `self += update` or, with `scale` (a per-channel layer scale), `self += update · scale`.
    mutating func addResidual(_ update: Tensor, scale: Tensor? = nil) {
        precondition(update.shape == shape, "residual shapes differ")
        update.withUnsafeBufferPointer { updates in
            withUnsafeMutableBufferPointer { elements in
                guard let p = elements.baseAddress, let u = updates.baseAddress else { return }
                if let scale {
                    scale.withUnsafeBufferPointer { scales in
                        guard let s = scales.baseAddress else { return }
                        Self.addScaledRows(u, scale: s, width: scales.count, into: p, count: elements.count)
                    }
                } else {
                    ParallelChunks.forEach(elements.count, minimumChunk: 1 << 15) { range in
                        for i in range { p[i] += u[i] }
                    }
                }
            }
        }
    }

    /// `p[r·d + j] += u[r·d + j] · s[j]` for every row `r` of width `d`.
    private static func addScaledRows(_ u: UnsafePointer<Float>, scale s: UnsafePointer<Float>, width d: Int,
                                      into p: UnsafeMutablePointer<Float>, count: Int) {
        precondition(count % d == 0, "layer scale width differs")
        ParallelChunks.forEach(count / d, minimumChunk: max(1, (1 << 15) / d)) { rows in
            for r in rows {
                let pr = p + r * d, ur = u + r * d
                for j in 0..<d { pr[j] += ur[j] * s[j] }
            }
        }
    }
}
