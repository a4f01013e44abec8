/// Branch-free half-precision conversions the compiler can vectorise (the f16 reference rows
/// of retrieval); `HalfConversion` in ReMETensor is the exact, NaN-payload-preserving one.
enum HalfKernels {
    /// IEEE half (binary16) bits to Float, branch-free (subnormals, infinities and NaN included).
    @inline(__always)
    static func halfToFloat(_ h: UInt16) -> Float {
        let magnitude = UInt32(h & 0x7FFF) &<< 13
        let exponent = magnitude & 0x0F80_0000
        let normal = magnitude &+ 0x3800_0000  // rebias 15 → 127
        let infOrNaN = normal &+ 0x3800_0000
        // Subnormal: let the FPU renormalise (1.mantissa · 2^-14 minus the implicit one).
        let sub = Float(bitPattern: magnitude &+ 0x3880_0000) - Float(bitPattern: 0x3880_0000)
        var bits = exponent == 0x0F80_0000 ? infOrNaN : normal
        bits = exponent == 0 ? sub.bitPattern : bits
        return Float(bitPattern: bits | (UInt32(h & 0x8000) &<< 16))
    }

    /// Converts `count` halves to floats.
    static func halfToFloat(_ src: UnsafePointer<UInt16>, _ dst: UnsafeMutablePointer<Float>, count: Int) {
        for j in 0..<count { dst[j] = halfToFloat(src[j]) }
    }

    /// Float to IEEE half bits, round to nearest even, overflow to infinity.
    static func floatToHalf(_ x: Float) -> UInt16 {
        Float16(x).bitPattern
    }
}
