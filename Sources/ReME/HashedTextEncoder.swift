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

/// A small, fast, seedable generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [−1, 1).
    @inline(__always)
    public mutating func nextSymmetricFloat() -> Float {
        Float(next() >> 40) * (2.0 / 16_777_216) - 1
    }
}
