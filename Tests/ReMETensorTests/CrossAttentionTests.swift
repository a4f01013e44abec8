import Foundation
import Testing
@testable import ReMETensor
import ReMETestSupport

/// `Attention.cross`: queries and keys of different lengths, one side shared by the batch.
@Suite struct CrossAttentionTests {
    /// The batch element `b` of [B, T, D] (or the only one when B = 1).
    func element(_ t: Tensor, _ b: Int) -> Tensor { t.shape[0] == 1 ? t : t.rows(b..<b + 1) }

    @Test func equalLengthsMatchSelfAttention() throws {
        var rng = SeededGenerator(seed: 7)
        let shape = [2, 9, 12]
        let q = randomTensor(shape, using: &rng), k = randomTensor(shape, using: &rng), v = randomTensor(shape, using: &rng)
        let cross = try Attention.cross(q: q, k: k, v: v, heads: 3)
        let plain = try Attention.multiHead(q: q, k: k, v: v, heads: 3)
        #expect(maxAbsDifference(cross.scalars, plain.scalars) < 1e-6)
    }

    @Test(arguments: [(1, 3), (3, 1), (3, 3)])
    func sharedSidesBroadcast(queryBatch: Int, keyBatch: Int) throws {
        var rng = SeededGenerator(seed: 11)
        let q = randomTensor([queryBatch, 5, 8], using: &rng)
        let k = randomTensor([keyBatch, 300, 8], using: &rng), v = randomTensor([keyBatch, 300, 8], using: &rng)
        let out = try Attention.cross(q: q, k: k, v: v, heads: 2)
        #expect(out.shape == [3, 5, 8])
        for b in 0..<3 {
            // Each element equals its own unbatched call and a direct computation in Double.
            let single = try Attention.cross(q: element(q, b), k: element(k, b), v: element(v, b), heads: 2)
            #expect(maxAbsDifference(single.scalars, out.rows(b..<b + 1).scalars) < 1e-6)
            let qs = element(q, b).scalars, ks = element(k, b).scalars, vs = element(v, b).scalars
            for i in 0..<5 {
                for h in 0..<2 {
                    var scores = (0..<300).map { j in
                        (0..<4).reduce(0.0) { $0 + Double(qs[i * 8 + h * 4 + $1]) * Double(ks[j * 8 + h * 4 + $1]) } / 2
                    }
                    let m = scores.max() ?? 0
                    scores = scores.map { exp($0 - m) }
                    let z = scores.reduce(0, +)
                    for d in 0..<4 {
                        let want = (0..<300).reduce(0.0) { $0 + scores[$1] / z * Double(vs[$1 * 8 + h * 4 + d]) }
                        #expect(abs(Double(out.scalars[(b * 5 + i) * 8 + h * 4 + d]) - want) < 1e-5)
                    }
                }
            }
        }
    }

    @Test func rejectsMismatchedBatches() {
        #expect(throws: TensorError.self) {
            try Attention.cross(q: Tensor(zeros: [2, 3, 8]), k: Tensor(zeros: [3, 4, 8]), v: Tensor(zeros: [3, 4, 8]), heads: 2)
        }
        #expect(throws: TensorError.self) {
            try Attention.cross(q: Tensor(zeros: [1, 3, 8]), k: Tensor(zeros: [1, 4, 6]), v: Tensor(zeros: [1, 4, 6]), heads: 2)
        }
    }
}
