/// Softmax of one attention row with an exponential written so the compiler can vectorise it
/// (libm's `expf` is a per-element call and was ~10 % of DINOv2's CPU time). Accuracy: a few
/// ulp relative, far below the models' parity bounds.
enum FastSoftmax {
    static func apply(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var m = -Float.infinity
        for j in 0..<count { m = max(m, row[j]) }
        if m == -.infinity {
            for j in 0..<count { row[j] = 1 / Float(count) }
            return
        }
        var sum: Float = 0
        for j in 0..<count {
            let e = exp(row[j] - m)
            row[j] = e
            sum += e
        }
        let inv = 1 / sum
        for j in 0..<count { row[j] *= inv }
    }

    /// eˣ for x ≤ 0 (−∞ gives 0): x = n·ln2 + r with |r| ≤ ln2/2, eʳ by a degree-6 polynomial,
    /// 2ⁿ put straight into the exponent bits.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = max(x, -87.0)
        let n = (clamped * 1.44269504088896341).rounded(.toNearestOrEven)
        let r = clamped - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3333519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * r * r + r + 1
        let scale = Float(bitPattern: UInt32(Int32(n) + 127) << 23)
        return x < -87.0 ? 0 : p * scale
    }
}
