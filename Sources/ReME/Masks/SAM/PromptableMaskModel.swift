import ReMETensor

/// A promptable mask model with SAM's interface: an image encoder run once per image and a
/// prompt decoder run per batch of prompts. `SAMAutomaticMaskGenerator` and `SAMPredictor` reach
/// the model only through it, so tests plug in formula models.
public protocol PromptableMaskModel: Sendable {
    /// `pixelValues` `[3, S, S]` (`SAMImageProcessor`'s output) → image embeddings.
    func imageEmbeddings(pixelValues: Tensor) throws -> Tensor

    /// Low-resolution mask logits `[B, M, L, L]` and predicted IoUs `[B, M]` for a batch of `B`
    /// prompts; `M` is 3 with `multimaskOutput`, else 1.
    func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool) throws -> DecodedMasks

    /// The same, except that a prompt whose every predicted IoU is at or below `threshold` may
    /// come back with zero masks instead of computed ones (the automatic generator never reads
    /// them). The default computes everything.
    func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool,
                     skippingMasksAtOrBelowIoU threshold: Float) throws -> DecodedMasks
}

extension PromptableMaskModel {
    public func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool,
                            skippingMasksAtOrBelowIoU threshold: Float) throws -> DecodedMasks {
        try decodeMasks(imageEmbeddings: imageEmbeddings, prompts: prompts, multimaskOutput: multimaskOutput)
    }
}

/// A batch of `B` prompts in the model's input frame (SAM: the 1024-pixel frame).
public struct MaskPrompts: Sendable, Equatable {
    /// `[B][N]` points (x, y), or nil.
    public var points: [[SIMD2<Float>]]?
    /// `[B][N]` labels: 1 foreground, 0 background, −1 padding.
    public var labels: [[Int32]]?
    /// `[B]` boxes `[x0, y0, x1, y1]`, or nil.
    public var boxes: [[Float]]?

    public init(points: [[SIMD2<Float>]]? = nil, labels: [[Int32]]? = nil, boxes: [[Float]]? = nil) {
        self.points = points
        self.labels = labels
        self.boxes = boxes
    }

    /// The batch size.
    public var count: Int { points?.count ?? boxes?.count ?? 0 }
}

/// A decoder's output for one batch of prompts.
public struct DecodedMasks: Sendable {
    /// `[B, M, L, L]` logits.
    public var lowResolutionMasks: Tensor
    /// `[B, M]`.
    public var iouScores: Tensor

    public init(lowResolutionMasks: Tensor, iouScores: Tensor) {
        self.lowResolutionMasks = lowResolutionMasks
        self.iouScores = iouScores
    }
}
