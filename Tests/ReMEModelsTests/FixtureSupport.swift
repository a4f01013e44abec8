import Foundation
import ReMEModels
import ReMETensor

/// Paths of the committed fixtures, found from this file's location.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tests/Fixtures")
    static func model(_ name: String) -> URL { root.appendingPathComponent("models/\(name)") }
    static func clip(_ file: String) -> URL { root.appendingPathComponent("clip/\(file)") }
}

/// A minimal F32-only safetensors reader for the tests (the product reader lives in ReMETensor).
struct TestSafetensors: WeightSource {
    struct Failure: Error, CustomStringConvertible { var description: String }
    private var tensors: [String: Tensor] = [:]
    var names: [String] { Array(tensors.keys) }

    init(_ url: URL) throws {
        let data = try Data(contentsOf: url)
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + headerLength))) as? [String: Any] ?? [:]
        let base = 8 + headerLength
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], entry["dtype"] as? String == "F32",
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int] else {
                throw Failure(description: "\(url.lastPathComponent): '\(name)' is not an F32 tensor")
            }
            let bytes = data.subdata(in: (base + offsets[0])..<(base + offsets[1]))
            let floats = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            tensors[name] = try Tensor(shape: shape, data: floats)
        }
    }

    func tensor(_ name: String) throws -> Tensor {
        guard let t = tensors[name] else { throw Failure(description: "no tensor \(name)") }
        return t
    }

    subscript(name: String) -> Tensor {
        get throws { try tensor(name) }
    }
}

/// A weight source that hides, renames or replaces tensors of another one (for error tests).
struct EditedWeights: WeightSource {
    var base: any WeightSource
    var removed: Set<String> = []
    var replaced: [String: Tensor] = [:]
    var names: [String] { base.names.filter { !removed.contains($0) } + replaced.keys.filter { !base.names.contains($0) } }
    func tensor(_ name: String) throws -> Tensor { try replaced[name] ?? base.tensor(name) }
}

func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
    return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// The smallest cosine similarity between corresponding rows (last axis).
func minRowCosine(_ a: Tensor, _ b: Tensor) -> Float {
    precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
    let d = a.shape.last ?? 1, x = a.scalars, y = b.scalars
    var worst: Float = 1
    for r in 0..<(x.count / d) {
        var dot = 0.0, nx = 0.0, ny = 0.0
        for j in r * d..<(r + 1) * d {
            dot += Double(x[j]) * Double(y[j]); nx += Double(x[j] * x[j]); ny += Double(y[j] * y[j])
        }
        worst = min(worst, Float(dot / (nx.squareRoot() * ny.squareRoot())))
    }
    return worst
}

func loadConfigData(_ folder: URL) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent("config.json"))
}
