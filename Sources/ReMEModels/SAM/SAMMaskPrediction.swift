import ReMETensor

/// The decoder's output for a `SAMPromptBatch`.
public struct SAMMaskPrediction: Sendable {
    /// [B, M, 256, 256] mask logits, M = 3 with multimask output, else 1.
    public var lowResolutionMasks: Tensor
    /// [B, M] predicted IoU of each mask.
    public var iouScores: Tensor

    public init(lowResolutionMasks: Tensor, iouScores: Tensor) {
        self.lowResolutionMasks = lowResolutionMasks
        self.iouScores = iouScores
    }
}
