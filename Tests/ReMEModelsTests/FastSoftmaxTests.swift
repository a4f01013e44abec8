import Foundation
@testable import ReMEModels
import Testing

struct FastSoftmaxTests {
    @Test func exponentialIsAccurateOnTheSoftmaxRange() {
        var worst: Double = 0
        var x: Float = -87
        while x <= 0 {
            let want = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastSoftmax.exp(x)) - want) / want)
            x += 0.001
        }
        #expect(worst < 5e-7, "max relative error \(worst)")
        #expect(FastSoftmax.exp(-.infinity) == 0 && FastSoftmax.exp(-100) == 0 && FastSoftmax.exp(0) == 1)
    }

    @Test func rowsSumToOneAndMaskedRowsAreUniform() {
        var row: [Float] = [1, 2, 3, -.infinity]
        row.withUnsafeMutableBufferPointer { FastSoftmax.apply($0.baseAddress!, count: 4) }
        let e = [exp(-2.0), exp(-1.0), 1.0], s = e.reduce(0, +)
        for j in 0..<3 { #expect(abs(Double(row[j]) - e[j] / s) < 1e-7) }
        #expect(row[3] == 0)
        var masked: [Float] = [-.infinity, -.infinity]
        masked.withUnsafeMutableBufferPointer { FastSoftmax.apply($0.baseAddress!, count: 2) }
        #expect(masked == [0.5, 0.5])
    }
}
