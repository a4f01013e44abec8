import Foundation
import Testing
@testable import ReMETensor

struct FastMathTests {
    @Test func exponentialIsAccurateOverTheFloatRange() {
        var worst: Double = 0
        var x: Float = -87
        while x <= 88 {
            let want = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastMath.exp(x)) - want) / want)
            x += 0.0007
        }
        #expect(worst < 5e-7, "max relative error \(worst)")
        #expect(FastMath.exp(-.infinity) == 0 && FastMath.exp(-100) == 0 && FastMath.exp(0) == 1)
        #expect(FastMath.exp(89) == .infinity && FastMath.exp(.infinity) == .infinity)
    }

    @Test func erfIsWithinSixTenMillionthsOfLibm() {
        var worst: Float = 0
        var x: Float = -6
        while x <= 6 {
            worst = max(worst, abs(FastMath.erf(x) - Float(Foundation.erf(Double(x)))))
            x += 0.0003
        }
        #expect(worst < 6e-7, "max absolute error \(worst)")
        #expect(FastMath.erf(0) == 0 && FastMath.erf(20) == 1 && FastMath.erf(-20) == -1)
    }

    @Test func geluFollowsTheExactDefinition() {
        for x in stride(from: Float(-8), through: 8, by: 0.01) {
            let want = 0.5 * Double(x) * (1 + Foundation.erf(Double(x) / 2.0.squareRoot()))
            #expect(abs(Double(Activation.gelu(x)) - want) < 2e-6)
        }
    }

    @Test func softmaxRowsSumToOneAndMaskedRowsAreUniform() {
        // 19 entries: two 8-lane blocks and a tail.
        var row: [Float] = (0..<18).map { Float($0) * 0.37 - 2 } + [-.infinity]
        let logits = row
        row.withUnsafeMutableBufferPointer { FastMath.softmax($0.baseAddress!, count: $0.count, scale: 1.5) }
        let e = logits.map { Foundation.exp(1.5 * Double($0) - 1.5 * Double(logits[17])) }
        let total = e.reduce(0, +)
        for j in 0..<19 { #expect(abs(Double(row[j]) - e[j] / total) < 1e-7) }
        #expect(row[18] == 0)
        var masked: [Float] = [-.infinity, -.infinity]
        masked.withUnsafeMutableBufferPointer { FastMath.softmax($0.baseAddress!, count: 2) }
        #expect(masked == [0.5, 0.5])
    }

    @Test func laneReductionsCoverTheTail() {
        let values: [Float] = (0..<21).map { Float(($0 * 7) % 11) - 3 }
        values.withUnsafeBufferPointer { p in
            #expect(FastMath.maximum(p.baseAddress!, count: 21) == values.max())
            #expect(FastMath.sum(p.baseAddress!, count: 21) == values.reduce(0, +))
            #expect(FastMath.maximum(p.baseAddress!, count: 0) == -.infinity)
        }
    }
}
