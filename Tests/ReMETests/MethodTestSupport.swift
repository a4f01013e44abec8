import Foundation
import ReME

/// Deterministic xorshift generator so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// A standard normal sample (Box–Muller).
    mutating func gaussian() -> Float {
        let u1 = max(Float.random(in: 0..<1, using: &self), 1e-7)
        let u2 = Float.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Float.pi * u2)
    }

    mutating func gaussianVector(_ n: Int) -> [Float] { (0..<n).map { _ in gaussian() } }
}

enum TestFailure: Error { case bad(String) }

func tensor(_ shape: [Int], _ data: [Float]) throws -> Tensor { try Tensor(shape: shape, data: data) }

func normalized(_ v: [Float]) -> [Float] {
    let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return n > 0 ? v.map { $0 / n } : v
}

func randomUnitRows(_ rows: Int, _ cols: Int, using rng: inout SeededGenerator) throws -> Tensor {
    var data: [Float] = []
    data.reserveCapacity(rows * cols)
    for _ in 0..<rows { data += normalized(rng.gaussianVector(cols)) }
    return try Tensor(shape: [rows, cols], data: data)
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    var m: Float = 0
    for i in a.indices { m = max(m, abs(a[i] - b[i])) }
    return m
}

func fixtureURL(_ relative: String) -> URL {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
}

/// A text encoder that looks texts up in a table (unknown texts: a hashed random vector).
struct TableTextEncoder: TextEncoder {
    let embeddingDimension: Int
    let table: [String: [Float]]

    func encodeTexts(_ texts: [String]) throws -> Tensor {
        var data: [Float] = []
        for t in texts {
            if let v = table[t] { data += normalized(v) } else {
                var rng = SeededGenerator(seed: UInt64(truncatingIfNeeded: t.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
                data += normalized(rng.gaussianVector(embeddingDimension))
            }
        }
        return try Tensor(shape: [texts.count, embeddingDimension], data: data)
    }
}
