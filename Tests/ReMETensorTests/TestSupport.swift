import ReMETensor

/// Deterministic xorshift generator so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E3779B97F4A7C15 : seed }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

func randomTensor(_ shape: [Int], using rng: inout SeededGenerator, range: ClosedRange<Float> = -1...1) -> Tensor {
    let n = shape.reduce(1, *)
    let data = (0..<n).map { _ in Float.random(in: range, using: &rng) }
    guard let t = try? Tensor(shape: shape, data: data) else { preconditionFailure("bad test shape") }
    return t
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    var m: Float = 0
    for i in a.indices { m = max(m, abs(a[i] - b[i])) }
    return m
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
