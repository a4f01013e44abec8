import ReMETensor

/// Named tensors of a checkpoint (one safetensors file, a sharded set, or a test double).
public protocol WeightSource {
    /// Every tensor name the checkpoint holds.
    var names: [String] { get }
    /// The tensor called `name`, converted to Float32.
    func tensor(_ name: String) throws -> Tensor
}

/// Reads weights by name, checks their shapes and remembers which ones were used, so a
/// loader can report every checkpoint tensor it did not consume.
public final class WeightLoader {
    private let source: any WeightSource
    private let available: Set<String>
    private var used: Set<String> = []

    public init(_ source: any WeightSource) {
        self.source = source
        self.available = Set(source.names)
    }

    public func contains(_ name: String) -> Bool { available.contains(name) }

    /// The tensor `name`, which must have exactly `shape`.
    public func take(_ name: String, shape: [Int]) throws(ModelError) -> Tensor {
        guard available.contains(name) else { throw .missingTensor(name: name, expectedShape: shape) }
        let t: Tensor
        do { t = try source.tensor(name) } catch { throw .weightRead(name: name, reason: "\(error)") }
        guard t.shape == shape else { throw .tensorShape(name: name, expected: shape, found: t.shape) }
        used.insert(name)
        return t
    }

    /// Marks tensors the model knows about but does not need (for example `logit_scale`).
    public func ignore(where predicate: (String) -> Bool) {
        for name in available where predicate(name) { used.insert(name) }
    }

    /// Names present in the checkpoint that nothing took or ignored, sorted.
    public var unused: [String] { available.subtracting(used).sorted() }

    /// Throws when any checkpoint tensor was left unused.
    public func finish() throws(ModelError) {
        let rest = unused
        if !rest.isEmpty { throw .unusedTensors(names: rest) }
    }
}
