import ReME
import ReMETensor

/// A text encoder without weights: each text maps to a fixed pseudo-random unit vector
/// derived from its bytes. For benchmarks and smoke tests of the pipeline only.
public struct HashedTextEncoder: TextEncoder {
    public let embeddingDimension: Int

    public init(embeddingDimension: Int = 512) { self.embeddingDimension = embeddingDimension }

    public func encodeTexts(_ texts: [String]) throws -> Tensor {
        let d = embeddingDimension
        var out = Tensor(uninitialized: [texts.count, d])
        out.withUnsafeMutableBufferPointer { o in
            for (i, text) in texts.enumerated() {
                var state: UInt64 = 1469598103934665603
                for b in text.utf8 { state = (state ^ UInt64(b)) &* 1099511628211 }
                var rng = SplitMix64(state: state)
                let row = o.baseAddress! + i * d
                for j in 0..<d { row[j] = rng.nextSymmetricFloat() }
            }
        }
        return out.l2NormalizedRows()
    }
}
