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

extension SafetensorsFile {
    /// A tensor by name, for test expressions (`try refs["x"]`).
    subscript(name: String) -> Tensor {
        get throws { try tensor(name) }
    }

    static func fixture(_ url: URL) throws -> SafetensorsFile { try SafetensorsFile(path: url.path) }
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
