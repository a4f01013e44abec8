import CKernels

/// Element functions written without libm calls or branches, so that loops over them compile
/// to SIMD code (libm's `expf`/`erff` are per-element calls: they were 8 % and 6 % of a DINOv2
/// forward). Accuracy is far inside the models' parity bounds and matches what PyTorch's own
/// vectorised CPU kernels compute. On CPUs with AVX2 and FMA the softmax and GELU loops run
/// 8-wide C kernels (CKernels) with the same formulas.
public enum FastMath {
    /// Whether the AVX2 + FMA kernels can run here (checked once).
    public static let hasAVX2 = reme_has_avx2_fma() != 0

    /// eˣ, relative error < 5e-7; 0 below −87.3, +∞ above 88.7. x = n·ln2 + r with
    /// |r| ≤ ln2/2, eʳ by a degree-6 polynomial, 2ⁿ put straight into the exponent bits.
    @inline(__always)
    public static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.0), 88.0)
        // Round to nearest by adding and removing 1.5·2²³ (baseline x86-64 has no SIMD round
        // instruction, so `.rounded()` would be a libm call per element); the integer lands in
        // the low mantissa bits of the sum.
        let shifted = clamped * 1.44269504088896341 + 12_582_912
        let n = shifted - 12_582_912
        let r = clamped - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3333519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let exponent = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000  // n as an integer
        let scale = Float(bitPattern: UInt32(bitPattern: (exponent &+ 127) << 23))
        let value = p * scale
        return x < -87.0 ? 0 : (x > 88.7 ? .infinity : value)
    }

    /// erf(x), absolute error < 6e-7 (the formula's 1.5e-7 plus Float rounding): Abramowitz &
    /// Stegun 7.1.26, the formula PyTorch's vectorised float `erf` (so its exact GELU) uses on x86.
    @inline(__always)
    public static func erf(_ x: Float) -> Float {
        let a = abs(x)
        let t = 1 / (1 + 0.3275911 * a)
        var poly: Float = 1.061405429
        poly = poly * t - 1.453152027
        poly = poly * t + 1.421413741
        poly = poly * t - 0.284496736
        poly = poly * t + 0.254829592
        let magnitude = 1 - poly * t * exp(-a * a)
        return x < 0 ? -magnitude : magnitude
    }

    /// In-place softmax of one row of logits times `scale`, max-subtracted; a row of −∞ only
    /// (everything masked) becomes uniform instead of NaN. Each pass is a plain loop or a
    /// reduction over eight lanes, so all of them compile to SIMD code.
    @inline(__always)
    public static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int, scale: Float = 1) {
        if hasAVX2 {
            reme_softmax_avx2(row, count, scale)
        } else {
            portableSoftmax(row, count: count, scale: scale)
        }
    }

    /// In-place softmax (times `scale`) of `rows` consecutive rows of `count` floats each, for
    /// short rows such as attention over a handful of tokens: one masked 8-lane register per
    /// row when `count` ≤ 8 on AVX2 CPUs, else row by row.
    @inline(__always)
    public static func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, count: Int, scale: Float = 1) {
        if hasAVX2 && count <= 8 {
            reme_softmax_short_rows_avx2(values, rows, count, scale)
        } else {
            for r in 0..<rows { softmax(values + r * count, count: count, scale: scale) }
        }
    }

    /// `softmax` in Swift for any CPU (4-wide SSE2 on baseline x86-64).
    @inline(__always)
    public static func portableSoftmax(_ row: UnsafeMutablePointer<Float>, count: Int, scale: Float = 1) {
        if scale != 1 {
            for j in 0..<count { row[j] *= scale }
        }
        let m = maximum(row, count: count)
        if m == -.infinity {
            for j in 0..<count { row[j] = 1 / Float(count) }
            return
        }
        for j in 0..<count { row[j] = exp(row[j] - m) }
        let inv = 1 / sum(row, count: count)
        for j in 0..<count { row[j] *= inv }
    }

    /// `p[j] = exp(p[j] − shift)` for `j < count`; returns the sum of the results (two passes,
    /// the first without a reduction so that it vectorises).
    @inline(__always)
    public static func expShiftedInPlace(_ p: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        for j in 0..<count { p[j] = exp(p[j] - shift) }
        return sum(p, count: count)
    }

    /// The largest of `count` floats (−∞ for none), eight lanes at a time.
    @inline(__always)
    public static func maximum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var j = 0
        while j + 8 <= count {
            let v = UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self)
            lanes.replace(with: v, where: v .> lanes)
            j += 8
        }
        var m = lanes.max()
        while j < count { m = max(m, p[j]); j += 1 }
        return m
    }

    /// The sum of `count` floats, eight lanes at a time.
    @inline(__always)
    public static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var j = 0
        while j + 8 <= count {
            lanes += UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self)
            j += 8
        }
        var total = lanes.sum()
        while j < count { total += p[j]; j += 1 }
        return total
    }
}
