/// Interpolation kernels shared by the PIL and PyTorch resize conventions.
public enum ResizeFilter: String, Sendable, CaseIterable {
    case bilinear
    case bicubic
}

/// The taps of a 1-D separable resampling: for output index `o`, the value is
/// Σ_{k < counts[o]} weights[o·taps + k] · input[indices[o·taps + k]].
struct ResampleWeights {
    let inSize: Int
    let outSize: Int
    let taps: Int
    var counts: [Int]
    var indices: [Int]
    var weights: [Float]
    /// PIL's 8-bit fixed-point weights (22 fractional bits); empty for other conventions.
    var fixedWeights: [Int32] = []

    static let fixedPointBits = 22

    /// PIL `Image.resize`: the kernel support widens by the downscale factor (antialiasing),
    /// taps are renormalised to sum to 1, all in double precision. PyTorch's `antialias=True`
    /// uses the same construction, so it shares this table.
    static func pil(inSize: Int, outSize: Int, filter: ResizeFilter) -> ResampleWeights {
        let (support, kernel): (Double, (Double) -> Double)
        switch filter {
        case .bilinear: (support, kernel) = (1, triangle)
        case .bicubic: (support, kernel) = (2, { cubic($0, a: -0.5) })
        }
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1)
        let scaledSupport = support * filterScale
        let taps = Int(scaledSupport.rounded(.up)) * 2 + 1
        let reciprocal = 1 / filterScale  // PIL multiplies by the reciprocal; dividing rounds differently
        var table = ResampleWeights(inSize: inSize, outSize: outSize, taps: taps,
                                    counts: [Int](repeating: 0, count: outSize),
                                    indices: [Int](repeating: 0, count: outSize * taps),
                                    weights: [Float](repeating: 0, count: outSize * taps),
                                    fixedWeights: [Int32](repeating: 0, count: outSize * taps))
        var exact = [Double](repeating: 0, count: taps)
        let one = Double(1 << fixedPointBits)
        for o in 0..<outSize {
            let center = (Double(o) + 0.5) * scale
            let first = max(Int(center - scaledSupport + 0.5), 0)  // truncation, as C's (int)
            let count = min(Int(center + scaledSupport + 0.5), inSize) - first
            var total = 0.0
            for k in 0..<count {
                exact[k] = kernel((Double(k + first) - center + 0.5) * reciprocal)
                total += exact[k]
            }
            table.counts[o] = count
            for k in 0..<count {
                let w = total != 0 ? exact[k] / total : exact[k]
                table.indices[o * taps + k] = first + k
                table.weights[o * taps + k] = Float(w)
                table.fixedWeights[o * taps + k] = Int32(w < 0 ? (w * one - 0.5).rounded(.towardZero)
                                                              : (w * one + 0.5).rounded(.towardZero))
            }
        }
        return table
    }

    /// PyTorch `F.interpolate(align_corners=False, antialias=False)`: source position
    /// (o + ½)·in/out − ½ in Float; bilinear clamps it at 0 and takes 2 taps, bicubic
    /// (a = −0.75) takes 4 taps with indices clamped to the border.
    static func torch(inSize: Int, outSize: Int, filter: ResizeFilter) -> ResampleWeights {
        let taps = filter == .bilinear ? 2 : 4
        var table = ResampleWeights(inSize: inSize, outSize: outSize, taps: taps,
                                    counts: [Int](repeating: taps, count: outSize),
                                    indices: [Int](repeating: 0, count: outSize * taps),
                                    weights: [Float](repeating: 0, count: outSize * taps))
        let ratio = Float(inSize) / Float(outSize)
        for o in 0..<outSize {
            let source = ratio * (Float(o) + 0.5) - 0.5
            switch filter {
            case .bilinear:
                let position = max(source, 0)
                let i0 = Int(position)
                let i1 = i0 + (i0 < inSize - 1 ? 1 : 0)
                let lambda1 = min(max(position - Float(i0), 0), 1)
                table.indices[2 * o] = i0
                table.indices[2 * o + 1] = i1
                table.weights[2 * o] = 1 - lambda1
                table.weights[2 * o + 1] = lambda1
            case .bicubic:
                let i0 = min(Int(source.rounded(.down)), inSize - 1)
                let t = min(max(source - Float(i0), 0), 1)
                let a: Float = -0.75
                table.weights[4 * o] = cubicOuter(t + 1, a: a)
                table.weights[4 * o + 1] = cubicInner(t, a: a)
                table.weights[4 * o + 2] = cubicInner(1 - t, a: a)
                table.weights[4 * o + 3] = cubicOuter(2 - t, a: a)
                for k in 0..<4 { table.indices[4 * o + k] = min(max(i0 - 1 + k, 0), inSize - 1) }
            }
        }
        return table
    }

    private static func triangle(_ x: Double) -> Double {
        let ax = abs(x)
        return ax < 1 ? 1 - ax : 0
    }

    /// Keys' cubic convolution kernel with parameter `a`, support 2.
    private static func cubic(_ x: Double, a: Double) -> Double {
        let ax = abs(x)
        if ax < 1 { return ((a + 2) * ax - (a + 3)) * ax * ax + 1 }
        if ax < 2 { return (((ax - 5) * ax + 8) * ax - 4) * a }
        return 0
    }

    private static func cubicInner(_ x: Float, a: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }
    private static func cubicOuter(_ x: Float, a: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
}
