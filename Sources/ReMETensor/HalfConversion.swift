/// Exact scalar conversions between IEEE binary16 / bfloat16 bit patterns and Float.
///
/// Written with integer bit manipulation so they behave identically on every platform
/// (no reliance on hardware F16C or `Float16` availability).
public enum HalfConversion {
    /// binary16 → binary32. Exact for every input: subnormals become normal floats,
    /// infinities stay infinite, NaNs keep their sign and payload (shifted into place).
    @inline(__always)
    public static func floatFromHalf(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let magnitude = UInt32(h & 0x7FFF)
        if magnitude >= 0x7C00 {
            // Infinity or NaN: all-ones exponent, mantissa moved to the top of the f32 field.
            return Float(bitPattern: sign | 0x7F80_0000 | ((magnitude & 0x03FF) << 13))
        }
        if magnitude >= 0x0400 {
            // Normal: rebias the exponent from 15 to 127 (adds 112 << 23).
            return Float(bitPattern: sign | ((magnitude << 13) &+ 0x3800_0000))
        }
        // Zero or subnormal: value = mantissa · 2^-24, exactly representable in f32.
        let value = Float(magnitude) * 0x1p-24
        return sign == 0 ? value : -value
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
