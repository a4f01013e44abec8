import Foundation
import Testing
@testable import ReMETensor
import ReMETestSupport

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

    /// On AVX2 machines softmax, layer norm and GELU run the C kernels; they must agree with the
    /// Swift code (the only path on other CPUs), including rows whose length is not a multiple of 8.
    @Test(.enabled(if: FastMath.hasAVX2, "this CPU has no AVX2 + FMA"))
    func avx2KernelsAgreeWithTheSwiftOnes() {
        var rng = SeededGenerator(seed: 3)
        for count in [1, 7, 8, 13, 1025] {
            let logits = rng.uniformVector(count, in: -30...30)
            var simd = logits, portable = logits
            simd.withUnsafeMutableBufferPointer { FastMath.softmax($0.baseAddress!, count: count, scale: 0.7) }
            portable.withUnsafeMutableBufferPointer { FastMath.portableSoftmax($0.baseAddress!, count: count, scale: 0.7) }
            for j in 0..<count { #expect(abs(simd[j] - portable[j]) <= 1e-6 * max(portable[j], 1e-30) + 1e-12) }
        }
        // Short rows (attention over a handful of tokens) one register each, and longer ones.
        for count in [1, 3, 7, 8, 9] {
            let rows = 5
            var logits = rng.uniformVector(rows * count, in: -30...30)
            logits[count - 1] = -.infinity  // a masked entry
            var batched = logits, portable = logits
            batched.withUnsafeMutableBufferPointer { FastMath.softmaxRows($0.baseAddress!, rows: rows, count: count, scale: 0.7) }
            portable.withUnsafeMutableBufferPointer { p in
                for r in 0..<rows { FastMath.portableSoftmax(p.baseAddress! + r * count, count: count, scale: 0.7) }
            }
            for j in 0..<(rows * count) { #expect(abs(batched[j] - portable[j]) <= 1e-6 * max(portable[j], 1e-30) + 1e-12) }
        }
        var masked = [Float](repeating: -.infinity, count: 7)
        masked.withUnsafeMutableBufferPointer { FastMath.softmaxRows($0.baseAddress!, rows: 1, count: 7) }
        #expect(masked.allSatisfy { abs($0 - 1 / 7) < 1e-7 })
        // Layer norm: the kernel sums in double like the Swift code, so rows agree to float rounding.
        for width in [1, 7, 8, 33, 256] {
            let row = rng.uniformVector(width, in: -5...50)
            let weight = rng.uniformVector(width, in: -2...2), bias = rng.uniformVector(width, in: -1...1)
            var simd = row, portable = row
            simd.withUnsafeMutableBufferPointer { o in
                Tensor.layerNormRows(row, into: o.baseAddress!, width: width, rowCount: 1, weight: weight, bias: bias, epsilon: 1e-6)
            }
            portable.withUnsafeMutableBufferPointer { o in
                Tensor.portableLayerNormRow(row, into: o.baseAddress!, width: width, weight: weight, bias: bias, epsilon: 1e-6)
            }
            for j in 0..<width { #expect(abs(simd[j] - portable[j]) <= 2e-6 * max(1, abs(portable[j]))) }
        }
        // The residual + layer norm + positions step against its parts.
        for width in [5, 16, 37] {
            let start = rng.uniformVector(width, in: -3...3), residual = rng.uniformVector(width, in: -3...3)
            let extra = rng.uniformVector(width), positions = rng.uniformVector(width)
            let weight = rng.uniformVector(width, in: -2...2), bias = rng.uniformVector(width)
            for residualBias in [extra, nil] as [[Float]?] {
                var row = start, positioned = [Float](repeating: 0, count: width)
                let summed = (0..<width).map { start[$0] + residual[$0] + (residualBias?[$0] ?? 0) }
                var expected = summed
                expected.withUnsafeMutableBufferPointer { o in
                    Tensor.portableLayerNormRow(summed, into: o.baseAddress!, width: width, weight: weight, bias: bias, epsilon: 1e-6)
                }
                row.withUnsafeMutableBufferPointer { r in
                    positioned.withUnsafeMutableBufferPointer { out in
                        (residualBias ?? []).withUnsafeBufferPointer { rb in
                            Tensor.residualLayerNormRow(r.baseAddress!, residual: residual, residualBias: residualBias == nil ? nil : rb.baseAddress,
                                                        width: width, weight: weight, bias: bias, epsilon: 1e-6, positions: positions,
                                                        positioned: out.baseAddress!)
                        }
                    }
                }
                for j in 0..<width {
                    #expect(abs(row[j] - expected[j]) <= 2e-6 * max(1, abs(expected[j])))
                    #expect(abs(positioned[j] - (expected[j] + positions[j])) <= 4e-6 * max(1, abs(expected[j])))
                }
            }
        }
        let inputs = (0..<1027).map { Float($0) / 50 - 10 } + [0, -0.0, 40, -40]
        var activated = inputs
        activated.withUnsafeMutableBufferPointer { Activation.gelu.apply(to: $0.baseAddress!, count: $0.count) }
        for (x, y) in zip(inputs, activated) { #expect(abs(y - Activation.gelu(x)) <= 1e-6 * max(1, abs(x))) }
    }
}
