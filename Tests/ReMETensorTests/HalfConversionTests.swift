import Testing
import ReMETensor
import ReMETestSupport

@Suite struct HalfConversionTests {
    /// Independent reference: the binary16 definition evaluated in Double.
    static func referenceHalf(_ h: UInt16) -> Double {
        let sign: Double = h & 0x8000 == 0 ? 1 : -1
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = Double(h & 0x3FF)
        if exponent == 0 { return sign * mantissa * 0x1p-24 }
        if exponent == 31 { return mantissa == 0 ? sign * .infinity : .nan }
        return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }

    @Test func everyHalfConvertsExactly() {
        var mismatches = 0
        for h in 0...UInt16.max {
            let f = HalfConversion.floatFromHalf(h)
            let want = Self.referenceHalf(h)
            if want.isNaN {
                // NaN: sign kept, payload shifted to the top of the f32 mantissa.
                let expected = (UInt32(h & 0x8000) << 16) | 0x7F80_0000 | (UInt32(h & 0x3FF) << 13)
                if f.bitPattern != expected { mismatches += 1 }
            } else if Double(f) != want || f.sign != (h & 0x8000 == 0 ? .plus : .minus) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func halfSpecialValues() {
        #expect(HalfConversion.floatFromHalf(0x0001) == 0x1p-24)  // smallest subnormal
        #expect(HalfConversion.floatFromHalf(0x03FF) == 1023 * 0x1p-24)  // largest subnormal
        #expect(HalfConversion.floatFromHalf(0x7BFF) == 65504)
        #expect(HalfConversion.floatFromHalf(0x7C00) == .infinity)
        #expect(HalfConversion.floatFromHalf(0xFC00) == -.infinity)
        #expect(HalfConversion.floatFromHalf(0x8000).bitPattern == 0x8000_0000)
        #expect(HalfConversion.floatFromHalf(0x7E00).isNaN)
    }

    @Test func everyHalfRoundTripsThroughFloat() {
        var mismatches = 0
        for h in 0...UInt16.max {
            let back = HalfConversion.halfFromFloat(HalfConversion.floatFromHalf(h))
            let isNaN = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0
            if isNaN {
                // NaNs stay NaN (quieted) with their sign.
                if back & 0x7E00 != 0x7E00 || back & 0x8000 != h & 0x8000 { mismatches += 1 }
            } else if back != h {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test func floatToHalfRoundsToNearestEven() {
        #expect(HalfConversion.halfFromFloat(1 + 0x1p-11) == 0x3C00)  // tie → even (down)
        #expect(HalfConversion.halfFromFloat(1 + 3 * 0x1p-11) == 0x3C02)  // tie → even (up)
        #expect(HalfConversion.halfFromFloat(65520) == 0x7C00)  // rounds to infinity
        #expect(HalfConversion.halfFromFloat(65519.99) == 0x7BFF)
        #expect(HalfConversion.halfFromFloat(0x1p-25) == 0x0000)  // half the smallest subnormal, tie → 0
        #expect(HalfConversion.halfFromFloat(0x1.8p-25) == 0x0001)
        #expect(HalfConversion.halfFromFloat(-0x1p-30) == 0x8000)
        #expect(HalfConversion.halfFromFloat(.greatestFiniteMagnitude) == 0x7C00)
        #expect(HalfConversion.halfFromFloat(-.infinity) == 0xFC00)
    }

    #if arch(x86_64) || arch(arm64)
    /// Cross-check with the standard library's Float16 on random bit patterns.
    @Test func floatToHalfMatchesStandardLibrary() {
        var rng = SeededGenerator(seed: 7)
        var mismatches = 0
        for _ in 0..<200_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if f.isNaN { continue }
            if HalfConversion.halfFromFloat(f) != Float16(f).bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
    #endif

    @Test func bfloat16IsTheUpperHalf() {
        for b: UInt16 in [0x0000, 0x8000, 0x3F80, 0x7F80, 0xFF80, 0x7FC0, 0x0001, 0x7F7F] {
            #expect(HalfConversion.floatFromBFloat16(b).bitPattern == UInt32(b) << 16)
        }
        #expect(HalfConversion.floatFromBFloat16(0x3F80) == 1)
    }

    @Test func floatToBFloat16RoundsToNearestEven() {
        var rng = SeededGenerator(seed: 11)
        var mismatches = 0
        for _ in 0..<200_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            let got = HalfConversion.bfloat16FromFloat(f)
            if f.isNaN {
                if !HalfConversion.floatFromBFloat16(got).isNaN { mismatches += 1 }
                continue
            }
            // Reference: pick the nearer of the two neighbouring bfloat16 values, ties to even.
            let low = UInt16(f.bitPattern >> 16)
            let high = low &+ 1
            let dLow = abs(Double(HalfConversion.floatFromBFloat16(low)) - Double(f))
            // Past the largest finite value the upper neighbour is ±infinity, which IEEE
            // rounding treats as ±2^128 when measuring distance.
            var highValue = Double(HalfConversion.floatFromBFloat16(high))
            if highValue.isInfinite { highValue = highValue > 0 ? 0x1p128 : -0x1p128 }
            let dHigh = abs(highValue - Double(f))
            let want = dLow < dHigh ? low : dHigh < dLow ? high : (low & 1 == 0 ? low : high)
            if got != want {
                mismatches += 1
                print("bf16 mismatch", String(f.bitPattern, radix: 16), String(got, radix: 16), String(want, radix: 16))
            }
        }
        #expect(mismatches == 0)
        #expect(HalfConversion.bfloat16FromFloat(.greatestFiniteMagnitude) == 0x7F80)
        #expect(HalfConversion.bfloat16FromFloat(1) == 0x3F80)
    }
}
