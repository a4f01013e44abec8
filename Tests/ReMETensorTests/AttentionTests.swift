import Foundation
import Testing
@testable import ReMETensor
import ReMETestSupport

@Suite struct AttentionTests {
    /// Direct per-head attention with explicit loops in Double.
    func reference(q: [Float], k: [Float], v: [Float], batch: Int, tokens: Int, heads: Int, headDim: Int, causal: Bool) -> [Float] {
        let width = heads * headDim
        var out = [Float](repeating: 0, count: batch * tokens * width)
        for b in 0..<batch {
            for h in 0..<heads {
                for i in 0..<tokens {
                    var scores = [Double](repeating: -.infinity, count: tokens)
                    for j in 0..<tokens where !(causal && j > i) {
                        var s = 0.0
                        for d in 0..<headDim {
                            s += Double(q[(b * tokens + i) * width + h * headDim + d]) * Double(k[(b * tokens + j) * width + h * headDim + d])
                        }
                        scores[j] = s / Double(headDim).squareRoot()
                    }
                    let m = scores.max()!
                    let e = scores.map { exp($0 - m) }
                    let z = e.reduce(0, +)
                    for d in 0..<headDim {
                        var acc = 0.0
                        for j in 0..<tokens { acc += e[j] / z * Double(v[(b * tokens + j) * width + h * headDim + d]) }
                        out[(b * tokens + i) * width + h * headDim + d] = Float(acc)
                    }
                }
            }
        }
        return out
    }

    @Test(arguments: [(1, 1, 1, 4), (2, 5, 3, 4), (1, 7, 2, 8), (3, 1, 4, 2)])
    func matchesReference(batch: Int, tokens: Int, heads: Int, headDim: Int) throws {
        var rng = SeededGenerator(seed: 99)
        let shape = [batch, tokens, heads * headDim]
        let q = randomTensor(shape, using: &rng), k = randomTensor(shape, using: &rng), v = randomTensor(shape, using: &rng)
        for causal in [false, true] {
            let y = try Attention.multiHead(q: q, k: k, v: v, heads: heads, causal: causal)
            let ref = reference(q: q.scalars, k: k.scalars, v: v.scalars, batch: batch, tokens: tokens,
                                heads: heads, headDim: headDim, causal: causal)
            #expect(maxAbsDifference(y.scalars, ref) < 1e-5)
        }
    }

    @Test func rejectsInconsistentShapes() {
        #expect(throws: TensorError.self) {
            try Attention.multiHead(q: Tensor(zeros: [1, 2, 6]), k: Tensor(zeros: [1, 3, 6]), v: Tensor(zeros: [1, 2, 6]), heads: 2)
        }
        #expect(throws: TensorError.self) {
            try Attention.multiHead(q: Tensor(zeros: [1, 2, 6]), k: Tensor(zeros: [1, 2, 6]), v: Tensor(zeros: [1, 2, 6]), heads: 4)
        }
    }
}
