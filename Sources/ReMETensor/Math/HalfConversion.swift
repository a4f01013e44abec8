/// Exact scalar conversions between IEEE binary16 / bfloat16 bit patterns and Float.
///
/// Written with integer bit manipulation so they behave identically on every platform
/// (no reliance on hardware F16C or `Float16` availability).
public enum HalfConversion {
    /// binary16 → binary32. Exact for every input: subnormals become normal floats,
    /// infinities stay infinite, NaNs keep their sign and payload (shifted into place).
    /// Branch-free, so bulk conversions vectorise (retrieval converts f16 reference rows).
    @inline(__always)
    public static func floatFromHalf(_ h: UInt16) -> Float {
        let magnitude = UInt32(h & 0x7FFF) &<< 13
        let exponent = magnitude & 0x0F80_0000
        let normal = magnitude &+ 0x3800_0000  // rebias 15 → 127
        let infOrNaN = normal &+ 0x3800_0000  // all-ones exponent, mantissa (payload) kept
        // Subnormal: let the FPU renormalise (1.mantissa · 2^-14 minus the implicit one).
        let subnormal = Float(bitPattern: magnitude &+ 0x3880_0000) - Float(bitPattern: 0x3880_0000)
        var bits = exponent == 0x0F80_0000 ? infOrNaN : normal
        bits = exponent == 0 ? subnormal.bitPattern : bits
        return Float(bitPattern: bits | (UInt32(h & 0x8000) &<< 16))
    }

    /// bfloat16 → binary32: bfloat16 is the upper half of a binary32, so this is exact.
    @inline(__always)
    public static func floatFromBFloat16(_ b: UInt16) -> Float {
        Float(bitPattern: UInt32(b) << 16)
    }

    /// binary32 → binary16 with round-to-nearest-even; overflow gives ±infinity,
    /// tiny values become subnormals or ±0, NaN stays a (quiet) NaN with its sign.
    @inline(__always)
    public static func halfFromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x007F_FFFF
        if exponent == 0xFF {
            if mantissa == 0 { return sign | 0x7C00 }
            return sign | 0x7E00 | UInt16(truncatingIfNeeded: mantissa >> 13)
        }
        let halfExponent = exponent - 127 + 15
        if halfExponent >= 0x1F { return sign | 0x7C00 }
        if halfExponent <= 0 {
            // Subnormal or zero in f16: shift the full significand (with implicit bit) right.
            if halfExponent < -10 { return sign }  // below half the smallest subnormal
            let significand = mantissa | 0x0080_0000
            let shift = UInt32(14 - halfExponent)  // 14..24
            let kept = significand >> shift
            let remainder = significand & ((1 << shift) - 1)
            let halfway = UInt32(1) << (shift - 1)
            var result = kept
            if remainder > halfway || (remainder == halfway && (kept & 1) == 1) { result += 1 }
            return sign | UInt16(truncatingIfNeeded: result)
        }
        var result = UInt32(halfExponent) << 10 | (mantissa >> 13)
        let remainder = mantissa & 0x1FFF
        if remainder > 0x1000 || (remainder == 0x1000 && (result & 1) == 1) {
            result += 1  // may carry into the exponent, up to infinity: still correct
        }
        return sign | UInt16(truncatingIfNeeded: result)
    }

    /// binary32 → bfloat16 with round-to-nearest-even; NaN stays a quiet NaN with its sign.
    @inline(__always)
    public static func bfloat16FromFloat(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        if f.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }
        let rounding = 0x7FFF &+ ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
    }

    /// float8 E5M2 → binary32: E5M2 is the upper byte of a binary16, so this is exact.
    @inline(__always)
    public static func floatFromFloat8E5M2(_ b: UInt8) -> Float {
        floatFromHalf(UInt16(b) << 8)
    }

    /// float8 E4M3 (`fn`: bias 7, no infinities, S.1111.111 is NaN) → binary32, exact.
    @inline(__always)
    public static func floatFromFloat8E4M3(_ b: UInt8) -> Float {
        let sign = UInt32(b & 0x80) << 24
        let exponent = UInt32((b >> 3) & 0x0F)
        let mantissa = UInt32(b & 0x07)
        if exponent == 0x0F && mantissa == 0x07 { return Float(bitPattern: sign | 0x7FC0_0000) }
        if exponent == 0 {
            let value = Float(mantissa) * 0x1p-9
            return sign == 0 ? value : -value
        }
        return Float(bitPattern: sign | ((exponent + 120) << 23) | (mantissa << 20))
    }

    /// float8 E8M0 (`fnu`: unsigned power of two 2^(e-127), 0xFF is NaN) → binary32, exact.
    @inline(__always)
    public static func floatFromFloat8E8M0(_ b: UInt8) -> Float {
        if b == 0xFF { return Float(bitPattern: 0x7FC0_0000) }
        if b == 0 { return Float(bitPattern: 0x0040_0000) }  // 2^-127, an f32 subnormal
        return Float(bitPattern: UInt32(b) << 23)
    }

    /// Converts `count` binary16 values held as `UInt16`s to Float.
    public static func convertHalf(_ source: UnsafePointer<UInt16>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { destination[i] = floatFromHalf(source[i]) }
    }

    /// Converts `count` binary16 values (little-endian, any alignment) to Float.
    public static func convertHalf(from source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let h = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            destination[i] = floatFromHalf(h)
        }
    }

    /// Converts `count` bfloat16 values (little-endian, any alignment) to Float.
    public static func convertBFloat16(from source: UnsafeRawPointer, to destination: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let b = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            destination[i] = floatFromBFloat16(b)
        }
    }
}
