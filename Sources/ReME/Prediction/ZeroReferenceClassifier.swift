import ReMETensor

/// The CLIP-only baseline used when no reference set is given:
/// `P_seg = softmax(τ·crop_embeds·L_testᵀ)`.
public struct ZeroReferenceClassifier: Sendable {
    /// τ (CLIP's logit scale, 100).
    public var temperature: Float

    public init(temperature: Float = 100) { self.temperature = temperature }

    /// `P_seg` [k × c] from `[k, d]` crop embeddings and `[c, d]` class embeddings (both normalised).
    public func segmentScores(cropEmbeddings: Tensor, classEmbeddings: Tensor) throws(MethodError) -> Tensor {
        guard cropEmbeddings.rank == 2, classEmbeddings.rank == 2,
              cropEmbeddings.shape[1] == classEmbeddings.shape[1], classEmbeddings.shape[0] > 0 else {
            throw .shapeMismatch(what: "crop / class embeddings", expected: "[k, d] and [c ≥ 1, d]",
                                 found: cropEmbeddings.shape + classEmbeddings.shape)
        }
        guard temperature.isFinite, temperature > 0 else {
            throw .invalidParameter(name: "temperature", value: "\(temperature)", expected: "a positive number")
        }
        do {
            return try Tensor.softmaxOfSimilarities(cropEmbeddings, classEmbeddings, scale: temperature)
        } catch {
            throw .shapeMismatch(what: "crop / class embeddings", expected: "matching widths",
                                 found: cropEmbeddings.shape + classEmbeddings.shape)
        }
    }
}
