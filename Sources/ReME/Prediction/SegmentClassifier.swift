import ReMEImage
import ReMETensor

/// Scores the segments of an image against a list of class names: the part of segmentation
/// (docs/specification.md, Part 2) between the masks and the per-pixel decision.
/// `SegmentLabeler` and `SegmentationPipeline` reach classifiers only through this protocol.
/// Conformers: `RetrievalClassifier` (retrieval against a reference set) and
/// `ZeroReferenceSegmentClassifier` (the CLIP-only baseline).
public protocol SegmentClassifier: Sendable {
    /// The per-segment features this classifier scores: `[K, d]`, one row per mask in mask order.
    func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor

    /// `P_seg` `[K × labels.count]` from `features(image:masks:)`. `labels` is not empty; work
    /// that depends only on the label list (class embeddings, …) is worth caching, as a command
    /// classifies every image with the same list.
    func segmentScores(features: Tensor, labels: [String]) throws -> Tensor
}

/// Refuses an empty label list, the one precondition every classifier shares.
func requireLabels(_ labels: [String]) throws(MethodError) {
    guard !labels.isEmpty else {
        throw .invalidParameter(name: "labels", value: "[]", expected: "at least one class name")
    }
}
