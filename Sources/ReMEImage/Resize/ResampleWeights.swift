/// Interpolation kernels shared by the PIL and PyTorch resize conventions.
public enum ResizeFilter: String, Sendable, CaseIterable {
    case bilinear
    case bicubic
}

/// The taps of a 1-D separable resampling: for output index `o`, the value is
/// Σ_{k < counts[o]} weights[o·taps + k] · input[starts[o] + k] (contiguous taps).
struct ResampleWeights {
    let inSize: Int
    let outSize: Int
    let taps: Int
    var counts: [Int]
    var starts: [Int]
    var weights: [Float]
    /// PIL's 8-bit fixed-point weights (22 fractional bits); empty for other conventions.
    var fixedWeights: [Int32] = []
    /// Fractional bits of `fixedWeights`: PIL's 22, or fewer for PyTorch's uint8 kernel.
    var precisionBits = fixedPointBits

    /// PIL's PRECISION_BITS (32 − 8 − 2); `SeparableResampler.clip8` shifts by the same amount.
    static var fixedPointBits: Int { 22 }

    /// PIL `Image.resize`: the kernel support widens by the downscale factor (antialiasing),
    /// taps are renormalised to sum to 1, all in double precision. PyTorch's `antialias=True`
    /// uses the same construction, so it shares this table.
    ///
    /// `torchUInt8Precision`: the fixed-point weights of PyTorch's uint8 antialiased kernel
    /// (`compute_index_ranges_int16_weights`) instead of PIL's: int16 weights with the most
    /// fractional bits (at most 22) that keep the largest weight of the axis below 2^15.
    static func pil(inSize: Int, outSize: Int, filter: ResizeFilter, torchUInt8Precision: Bool = false) -> ResampleWeights {
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
                                    starts: [Int](repeating: 0, count: outSize),
                                    weights: [Float](repeating: 0, count: outSize * taps),
                                    fixedWeights: [Int32](repeating: 0, count: outSize * taps))
        var exact = [Double](repeating: 0, count: taps)
        var normalized = [Double](repeating: 0, count: outSize * taps)
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
            table.starts[o] = first
            for k in 0..<count {
                let w = total != 0 ? exact[k] / total : exact[k]
                table.weights[o * taps + k] = Float(w)
                normalized[o * taps + k] = w
            }
        }
        if torchUInt8Precision {
            let largest = normalized.max() ?? 0
            var bits = 0
            while bits < 22 && Int(0.5 + largest * Double(1 << (bits + 1))) < (1 << 15) { bits += 1 }
            table.precisionBits = bits
        }
        let one = Double(1 << table.precisionBits)
        for (i, w) in normalized.enumerated() {
            table.fixedWeights[i] = Int32(w < 0 ? (w * one - 0.5).rounded(.towardZero) : (w * one + 0.5).rounded(.towardZero))
        }
        return table
    }

    /// PyTorch `F.interpolate(align_corners=False, antialias=False)`: source position
    /// (o + ½)·in/out − ½ in Float; bilinear clamps it at 0 and takes 2 taps, bicubic
    /// (a = −0.75) takes 4 taps with indices clamped to the border. Taps that clamp onto the
    /// same border pixel are merged (their weights summed) to keep taps contiguous.
    static func torch(inSize: Int, outSize: Int, filter: ResizeFilter) -> ResampleWeights {
        let taps = filter == .bilinear ? 2 : 4
        var table = ResampleWeights(inSize: inSize, outSize: outSize, taps: taps,
                                    counts: [Int](repeating: 0, count: outSize),
                                    starts: [Int](repeating: 0, count: outSize),
                                    weights: [Float](repeating: 0, count: outSize * taps))
        let ratio = Float(inSize) / Float(outSize)
        for o in 0..<outSize {
            let source = ratio * (Float(o) + 0.5) - 0.5
            switch filter {
            case .bilinear:
                let position = max(source, 0)
                let i0 = Int(position)
                let lambda1 = min(max(position - Float(i0), 0), 1)
                table.add(o, index: i0, weight: 1 - lambda1)
                table.add(o, index: i0 + (i0 < inSize - 1 ? 1 : 0), weight: lambda1)
            case .bicubic:
                let i0 = min(Int(source.rounded(.down)), inSize - 1)
                let t = min(max(source - Float(i0), 0), 1)
                let a: Float = -0.75
                table.add(o, index: i0 - 1, weight: cubicOuter(t + 1, a: a))
                table.add(o, index: i0, weight: cubicInner(t, a: a))
                table.add(o, index: i0 + 1, weight: cubicInner(1 - t, a: a))
                table.add(o, index: i0 + 2, weight: cubicOuter(2 - t, a: a))
            }
        }
        return table
    }

    /// Appends a tap for output `o` at `index` clamped to the input, in increasing index order.
    private mutating func add(_ o: Int, index: Int, weight: Float) {
        let clamped = min(max(index, 0), inSize - 1)
        if counts[o] > 0, clamped == starts[o] + counts[o] - 1 {
            weights[o * taps + counts[o] - 1] += weight
        } else {
            if counts[o] == 0 { starts[o] = clamped }
            weights[o * taps + counts[o]] = weight
            counts[o] += 1
        }
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
