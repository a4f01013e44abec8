/// Settings of the retrieval rule (docs/specification.md, Part 2 step 3, Eqs. 1–3).
public struct RetrievalConfiguration: Sendable, Equatable {
    /// τ₁: multiplier of the segment–segment cosines in Eq. 1 (100 = CLIP's logit scale, so
    /// a cosine gap of 0.05 is a factor e⁵ in weight).
    public var visualTemperature: Float = 100
    /// τ₂: multiplier of the phrase–class cosines in Eq. 2.
    public var textTemperature: Float = 100
    /// Eq. 1 keeps only the `topK` most similar references per test segment (nil: all).
    public var topK: Int? = nil
    /// Reference rows per GEMM block; memory is O(blockSize·(d₁ + k + c)), independent of m.
    public var blockSize: Int = 8192
    /// Threads used for the per-row exp/top-k work (BLAS uses its own threads).
    public var threads: Int = 2

    public init(visualTemperature: Float = 100, textTemperature: Float = 100, topK: Int? = nil,
                blockSize: Int = 8192, threads: Int = 2) {
        self.visualTemperature = visualTemperature
        self.textTemperature = textTemperature
        self.topK = topK
        self.blockSize = blockSize
        self.threads = threads
    }

    func validate() throws(MethodError) {
        guard visualTemperature.isFinite, visualTemperature > 0 else {
            throw .invalidParameter(name: "visual temperature τ1", value: "\(visualTemperature)", expected: "a positive number")
        }
        guard textTemperature.isFinite, textTemperature > 0 else {
            throw .invalidParameter(name: "text temperature τ2", value: "\(textTemperature)", expected: "a positive number")
        }
        if let k = topK, k < 1 {
            throw .invalidParameter(name: "topK", value: "\(k)", expected: "at least 1, or no cut")
        }
        guard blockSize > 0 else {
            throw .invalidParameter(name: "block size", value: "\(blockSize)", expected: "at least 1")
        }
    }
}
