import ReMETensor

/// The prompts of one image for `SAMModel.decodeMasks`: B prompts (transformers' point batch),
/// each of N points and/or one box, in the 1024-pixel input frame of `SamImageProcessor`
/// (coordinates already scaled to the resized image, as `SamModel`'s `input_points`).
public struct SAMPromptBatch: Sendable {
    /// [B, N, 2]: x, y.
    public var points: Tensor?
    /// [B, N] as Float: 1 foreground, 0 background, −1 not a point (`not_a_point_embed`), −10
    /// padding (ignored). Nil with points means every point is foreground, as in transformers.
    public var labels: Tensor?
    /// [B, 4]: x0, y0, x1, y1.
    public var boxes: Tensor?
    /// Optional mask inputs, [B, 256, 256] logits (a previous `lowResolutionMasks` output), or
    /// [1, 256, 256] for one mask shared by every prompt (as transformers' `input_masks`).
    public var masks: Tensor?

    public init(points: Tensor? = nil, labels: Tensor? = nil, boxes: Tensor? = nil, masks: Tensor? = nil) {
        self.points = points
        self.labels = labels
        self.boxes = boxes
        self.masks = masks
    }

    /// Number of prompts B (1 when there are neither points nor boxes nor masks).
    public var count: Int { points?.shape.first ?? boxes?.shape.first ?? masks?.shape.first ?? 1 }
}

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
