/// Branch-free kernels the compiler can vectorise (hot loops of retrieval).
enum FastMath {
    /// `p[j] = exp(p[j] − shift)` for `j < count`; returns the sum of the results.
    ///
    /// Cody–Waite style: `2^(x·log₂e)` split into an integer power (built in the exponent
    /// bits) and a degree-7 polynomial on |r| ≤ ½ln2; relative error below 1e-6. Inputs below
    /// −87 give 0 (they are negligible next to the row maximum, which maps to ≤ e^30).
    @inline(__always)
    static func expShiftedInPlace(_ p: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        // Two passes: the first has no reduction, so the compiler can vectorise it.
        for j in 0..<count { p[j] = exp(p[j] - shift) }
        return sum(p, count: count)
    }

    /// Sum with eight independent accumulators (vectorisable, and more accurate than one).
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var acc = SIMD8<Float>()
        var j = 0
        while j + 8 <= count {
            acc += UnsafeRawPointer(p + j).loadUnaligned(as: SIMD8<Float>.self)
            j += 8
        }
        var total = acc.sum()
        while j < count {
            total += p[j]
            j += 1
        }
        return total
    }

    @inline(__always)
    static func exp(_ xIn: Float) -> Float {
        let x = Swift.min(Swift.max(xIn, -87.0), 88.0)
        let magic: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer in the low bits
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        // r = x − n·ln2 with ln2 split in two (Cody–Waite) so r is exact enough; |r| ≤ ½·ln 2.
        let r = (x - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187e-6
        var poly: Float = 1.0 / 5040
        poly = poly * r + 1.0 / 720
        poly = poly * r + 1.0 / 120
        poly = poly * r + 1.0 / 24
        poly = poly * r + 1.0 / 6
        poly = poly * r + 0.5
        poly = poly * r + 1
        poly = poly * r + 1
        let nBits = shifted.bitPattern &- magic.bitPattern
        let scale = Float(bitPattern: (nBits &+ 127) &<< 23)
        let result = poly * scale
        return xIn < -87 ? 0 : result
    }

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
