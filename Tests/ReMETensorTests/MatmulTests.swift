import Synchronization
import Testing
@testable import ReMETensor
import ReMETestSupport

@Suite struct MatmulTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 7, 1), (7, 1, 1), (1, 1, 9), (1, 13, 5), (13, 1, 5), (5, 13, 1),
        (3, 5, 7), (17, 31, 23), (64, 64, 64), (65, 33, 129), (197, 48, 96),
        // Large enough for `BLAS.sgemm` to split over the cores: by columns, by rows (n too
        // narrow for a block per core), and with odd edges.
        (200, 301, 40), (301, 20, 400), (257, 131, 97),
    ]

    @Test(arguments: [false, true], [false, true])
    func matchesNaiveLoops(transposeA: Bool, transposeB: Bool) throws {
        var rng = SeededGenerator(seed: 42)
        for (m, n, k) in Self.shapes {
            let aShape = transposeA ? [k, m] : [m, k]
            let bShape = transposeB ? [n, k] : [k, n]
            let a = randomTensor(aShape, using: &rng), b = randomTensor(bShape, using: &rng)
            let c = try Tensor.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
            #expect(c.shape == [m, n])
            let ref = naiveMatmul(a.scalars, aShape[0], aShape[1], transposeA: transposeA,
                                  b.scalars, bShape[0], bShape[1], transposeB: transposeB)
            #expect(maxAbsDifference(c.scalars, ref) < 1e-4 * Float(max(k, 1)).squareRoot())
        }
    }

    @Test func largeProductsSplitOverCoresExceptInsideParallelWork() {
        let threads = min(BLAS.threadCount, ParallelChunks.workers)
        let expected = BLAS.splitsOverCores ? threads : 1
        #expect(BLAS.splitCount(m: 200, n: 301, k: 40) == expected)
        #expect(BLAS.splitCount(m: 8, n: 8, k: 8) == 1)
        let nested = Mutex([Int]())
        ParallelChunks.forEach(2, minimumChunk: 1) { _ in
            let count = BLAS.splitCount(m: 200, n: 301, k: 40)
            nested.withLock { $0.append(count) }
        }
        #expect(nested.withLock { $0 }.allSatisfy { $0 == 1 })
    }

    @Test func batchedAgainstSharedMatrixFoldsRows() throws {
        var rng = SeededGenerator(seed: 7)
        let a = randomTensor([2, 3, 5, 4], using: &rng), b = randomTensor([6, 4], using: &rng)
        let c = try Tensor.matmul(a, b, transposeB: true)
        #expect(c.shape == [2, 3, 5, 6])
        let ref = naiveMatmul(a.scalars, 30, 4, transposeA: false, b.scalars, 6, 4, transposeB: true)
        #expect(maxAbsDifference(c.scalars, ref) < 1e-5)
    }

    @Test func batchedTransposedAAgainstSharedMatrix() throws {
        var rng = SeededGenerator(seed: 8)
        let a = randomTensor([3, 4, 5], using: &rng), b = randomTensor([4, 2], using: &rng)
        let c = try Tensor.matmul(a, b, transposeA: true)
        #expect(c.shape == [3, 5, 2])
        for i in 0..<3 {
            let ai = Array(a.scalars[(i * 20)..<(i * 20 + 20)])
            let ref = naiveMatmul(ai, 4, 5, transposeA: true, b.scalars, 4, 2, transposeB: false)
            #expect(maxAbsDifference(Array(c.scalars[(i * 10)..<(i * 10 + 10)]), ref) < 1e-5)
        }
    }

    @Test func batchedPairwise() throws {
        var rng = SeededGenerator(seed: 9)
        let a = randomTensor([4, 3, 6], using: &rng), b = randomTensor([4, 5, 6], using: &rng)
        let c = try Tensor.matmul(a, b, transposeB: true, alpha: 0.5)
        #expect(c.shape == [4, 3, 5])
        for i in 0..<4 {
            let ai = Array(a.scalars[(i * 18)..<(i * 18 + 18)]), bi = Array(b.scalars[(i * 30)..<(i * 30 + 30)])
            let ref = naiveMatmul(ai, 3, 6, transposeA: false, bi, 5, 6, transposeB: true).map { $0 * 0.5 }
            #expect(maxAbsDifference(Array(c.scalars[(i * 15)..<(i * 15 + 15)]), ref) < 1e-5)
        }
    }

    @Test func zeroInnerDimensionGivesZeros() throws {
        let a = Tensor(zeros: [3, 0]), b = Tensor(zeros: [0, 2])
        let c = try Tensor.matmul(a, b)
        #expect(c.shape == [3, 2])
        #expect(c.scalars.allSatisfy { $0 == 0 })
    }

    @Test func mismatchedShapesThrow() {
        let a = Tensor(zeros: [3, 4]), b = Tensor(zeros: [5, 2])
        #expect(throws: TensorError.self) { try Tensor.matmul(a, b) }
        #expect(throws: TensorError.self) { try Tensor.matmul(Tensor(zeros: [2, 3, 4]), Tensor(zeros: [3, 4, 2])) }
        #expect(throws: TensorError.self) { try Tensor.matmul(Tensor(zeros: [4]), b) }
    }

    @Test func linearMatchesMatmulPlusBias() throws {
        var rng = SeededGenerator(seed: 11)
        for (rows, inF, outF) in [(1, 1, 1), (5, 7, 3), (2, 33, 65)] {
            let x = randomTensor([rows, inF], using: &rng)
            let w = randomTensor([outF, inF], using: &rng), b = randomTensor([outF], using: &rng)
            let y = try Tensor.linear(x, weight: w, bias: b)
            let ref = naiveMatmul(x.scalars, rows, inF, transposeA: false, w.scalars, outF, inF, transposeB: true)
            let withBias = ref.enumerated().map { $0.element + b.scalars[$0.offset % outF] }
            #expect(maxAbsDifference(y.scalars, withBias) < 1e-5)
            let noBias = try Tensor.linear(x, weight: w, bias: nil)
            #expect(maxAbsDifference(noBias.scalars, ref) < 1e-5)
        }
        #expect(throws: TensorError.self) {
            try Tensor.linear(Tensor(zeros: [2, 3]), weight: Tensor(zeros: [4, 3]), bias: Tensor(zeros: [5]))
        }
    }
}
