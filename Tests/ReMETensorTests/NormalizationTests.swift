import Foundation
import Testing
@testable import ReMETensor
import ReMETestSupport

@Suite struct NormalizationTests {
    @Test(arguments: [[1, 1], [1, 9], [9, 1], [4, 17], [3, 2, 5]])
    func softmaxMatchesDoublePrecisionReference(shape: [Int]) {
        var rng = SeededGenerator(seed: UInt64(shape.reduce(1, *)) &+ 1)
        let x = randomTensor(shape, using: &rng, range: -30...30)
        for scale: Float in [1, 0.1, 100] {
            let y = x.softmaxLastAxis(scale: scale)
            let cols = shape.last!
            for r in 0..<(x.count / cols) {
                let row = x.scalars[(r * cols)..<(r * cols + cols)].map { Double($0) * Double(scale) }
                let m = row.max()!
                let e = row.map { exp($0 - m) }
                let s = e.reduce(0, +)
                for j in 0..<cols {
                    #expect(abs(Double(y.scalars[r * cols + j]) - e[j] / s) < 1e-6)
                }
            }
        }
    }

    @Test func softmaxIsStableForHugeLogitsAndFullyMaskedRows() throws {
        let x = try Tensor(shape: [2, 3], data: [1e30, 1e30, -1e30, -.infinity, -.infinity, -.infinity])
        let y = x.softmaxLastAxis()
        #expect(y.scalars[0..<3] == [0.5, 0.5, 0])
        #expect(y.scalars[3..<6].allSatisfy { abs($0 - 1.0 / 3) < 1e-7 })
    }

    @Test(arguments: [[1, 1], [1, 8], [5, 3], [2, 3, 33]])
    func layerNormMatchesReference(shape: [Int]) throws {
        var rng = SeededGenerator(seed: 3)
        let x = randomTensor(shape, using: &rng, range: -5...50)
        let d = shape.last!
        let w = randomTensor([d], using: &rng), b = randomTensor([d], using: &rng)
        let y = try x.layerNorm(weight: w, bias: b, epsilon: 1e-5)
        for r in 0..<(x.count / d) {
            let row = x.scalars[(r * d)..<(r * d + d)].map(Double.init)
            let mean = row.reduce(0, +) / Double(d)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(d)
            for j in 0..<d {
                let ref = (row[j] - mean) / (variance + 1e-5).squareRoot() * Double(w.scalars[j]) + Double(b.scalars[j])
                #expect(abs(Double(y.scalars[r * d + j]) - ref) < 1e-4)
            }
        }
        #expect(throws: TensorError.self) { try x.layerNorm(weight: Tensor(zeros: [d + 1]), bias: nil, epsilon: 1e-5) }
    }

    @Test func l2NormalizationGivesUnitRowsAndKeepsZeroRows() throws {
        var rng = SeededGenerator(seed: 5)
        let x = try Tensor.concatenate([randomTensor([4, 7], using: &rng), Tensor(zeros: [1, 7])])
        let y = x.l2NormalizedRows()
        for r in 0..<4 {
            let norm = y.scalars[(r * 7)..<(r * 7 + 7)].map { Double($0) * Double($0) }.reduce(0, +)
            #expect(abs(norm - 1) < 1e-6)
        }
        #expect(y.scalars[28..<35].allSatisfy { $0 == 0 })
    }
}
