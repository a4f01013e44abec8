import Foundation
import Testing
@testable import ReMETensor
import ReMETestSupport

@Suite struct ElementwiseTests {
    @Test func broadcastingMatchesExplicitIndexing() throws {
        var rng = SeededGenerator(seed: 1)
        let cases: [([Int], [Int])] = [
            ([2, 3], [2, 3]), ([2, 3], [3]), ([2, 3], [1]), ([4, 1, 3], [2, 1]), ([1], [5, 2]),
            ([3, 1], [1, 4]), ([1, 1], [1, 1]), ([2, 3, 4], [3, 1]),
        ]
        for (sa, sb) in cases {
            let a = randomTensor(sa, using: &rng), b = randomTensor(sb, using: &rng)
            let sum = try a + b, product = try a * b, difference = try a - b
            let shape = try Tensor.broadcastShape(sa, sb, operation: "test")
            #expect(sum.shape == shape)
            // Reference: decompose each output index and map into the operands.
            let n = shape.reduce(1, *)
            for flat in 0..<n {
                var rem = flat
                var idx = [Int](repeating: 0, count: shape.count)
                for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                    idx[axis] = rem % shape[axis]; rem /= shape[axis]
                }
                func value(_ t: Tensor) -> Float {
                    let pad = shape.count - t.rank
                    var off = 0
                    for axis in 0..<t.rank {
                        off = off * t.shape[axis] + (t.shape[axis] == 1 ? 0 : idx[axis + pad])
                    }
                    return t.scalars[off]
                }
                #expect(sum.scalars[flat] == value(a) + value(b))
                #expect(product.scalars[flat] == value(a) * value(b))
                #expect(difference.scalars[flat] == value(a) - value(b))
            }
        }
        #expect(throws: TensorError.self) { try Tensor(zeros: [2, 3]) + Tensor(zeros: [2]) }
    }

    @Test func activationsMatchFormulas() {
        let xs: [Float] = [-6, -3, -1.5, -0.5, 0, 0.25, 1, 2.5, 7]
        for x in xs {
            let d = Double(x)
            #expect(abs(Activation.gelu(x) - Float(0.5 * d * (1 + erf(d / 2.0.squareRoot())))) < 1e-6)
            #expect(abs(Activation.quickGELU(x) - Float(d / (1 + exp(-1.702 * d)))) < 1e-6)
            #expect(Activation.relu(x) == max(0, x))
            #expect(abs(Activation.silu(x) - Float(d / (1 + exp(-d)))) < 1e-6)
        }
        var t = try! Tensor(shape: [3, 3], data: xs)
        t.applyActivation(.gelu)
        #expect(t.scalars == xs.map { Activation.gelu($0) })
    }

    @Test func copyOnWriteKeepsOtherValuesIntact() throws {
        let a = try Tensor(shape: [2, 2], data: [1, 2, 3, 4])
        var b = a
        b[flat: 0] = 10
        #expect(a.scalars == [1, 2, 3, 4])
        #expect(b.scalars == [10, 2, 3, 4])
    }

    @Test func reshapeInfersOneAxisAndRejectsBadCounts() throws {
        let a = Tensor(zeros: [2, 3, 4])
        #expect(try a.reshaped([6, -1]).shape == [6, 4])
        #expect(throws: TensorError.self) { try a.reshaped([5, -1]) }
        #expect(throws: TensorError.self) { try a.reshaped([-1, -1]) }
        #expect(throws: TensorError.self) { try a.reshaped([7]) }
        #expect(throws: TensorError.self) { try Tensor(shape: [2, 2], data: [1, 2, 3]) }
    }

    @Test func concatenateAndTranspose() throws {
        let a = try Tensor(shape: [1, 3], data: [1, 2, 3]), b = try Tensor(shape: [2, 3], data: [4, 5, 6, 7, 8, 9])
        let c = try Tensor.concatenate([a, b])
        #expect(c.shape == [3, 3])
        #expect(c.scalars == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let t = try c.transposedLastTwo()
        #expect(t.scalars == [1, 4, 7, 2, 5, 8, 3, 6, 9])
        #expect(c.rows(1..<3).scalars == b.scalars)
        #expect(throws: TensorError.self) { try Tensor.concatenate([a, Tensor(zeros: [1, 2])]) }
    }
}
