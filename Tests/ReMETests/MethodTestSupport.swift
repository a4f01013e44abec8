import Foundation
import ReME
import ReMETestSupport

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
