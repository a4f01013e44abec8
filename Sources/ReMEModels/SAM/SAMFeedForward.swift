import ReMETensor

/// transformers' `SamFeedForward`: `proj_in`, ReLU, `depth − 2` hidden layers with ReLU,
/// `proj_out` (the hypernetwork MLPs and the IoU head).
struct SAMFeedForward: Sendable {
    var layers: [LinearLayer]

    init(_ w: WeightLoader, _ prefix: String, input: Int, hidden: Int, output: Int, depth: Int) throws(ModelError) {
        var layers = [try LinearLayer(w, "\(prefix).proj_in", in: input, out: hidden)]
        for i in 0..<max(0, depth - 2) { layers.append(try LinearLayer(w, "\(prefix).layers.\(i)", in: hidden, out: hidden)) }
        layers.append(try LinearLayer(w, "\(prefix).proj_out", in: hidden, out: output))
        self.layers = layers
    }

    func callAsFunction(_ x: Tensor) throws(ModelError) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = try layer(h)
            if i < layers.count - 1 { h.applyActivation(.relu) }
        }
        return h
    }
}
