import ReMETensor
import ReMETestSupport

func randomTensor(_ shape: [Int], using rng: inout SeededGenerator, range: ClosedRange<Float> = -1...1) -> Tensor {
    let data = rng.uniformVector(shape.reduce(1, *), in: range)
    guard let t = try? Tensor(shape: shape, data: data) else { preconditionFailure("bad test shape") }
    return t
}

/// Naive triple loop over logical (possibly transposed) operands.
func naiveMatmul(_ a: [Float], _ aRows: Int, _ aCols: Int, transposeA: Bool,
                 _ b: [Float], _ bRows: Int, _ bCols: Int, transposeB: Bool) -> [Float] {
    let m = transposeA ? aCols : aRows, k = transposeA ? aRows : aCols
    let n = transposeB ? bRows : bCols
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s: Double = 0
            for p in 0..<k {
                let av = transposeA ? a[p * aCols + i] : a[i * aCols + p]
                let bv = transposeB ? b[j * bCols + p] : b[p * bCols + j]
                s += Double(av) * Double(bv)
            }
            c[i * n + j] = Float(s)
        }
    }
    return c
}
