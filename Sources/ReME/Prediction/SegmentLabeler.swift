import ReMEImage
import ReMETensor

/// Labels the segments of test images with a list of class names (docs/specification.md,
/// Part 2): a `SegmentClassifier` gives each segment's class scores, and the per-pixel argmax
/// (with an optional background rule) paints them.
public struct SegmentLabeler: Sendable {
    public var classifier: any SegmentClassifier
    public var background: BackgroundRule?

    public init(classifier: any SegmentClassifier, background: BackgroundRule? = nil) {
        self.classifier = classifier
        self.background = background
    }

    /// ReME: retrieval against a reference set (`RetrievalClassifier`).
    public static func retrieval(_ engine: RetrievalEngine, regionEncoder: any RegionEncoder, textEncoder: any TextEncoder,
                                 background: BackgroundRule? = nil) -> SegmentLabeler {
        SegmentLabeler(classifier: RetrievalClassifier(engine: engine, regionEncoder: regionEncoder, textEncoder: textEncoder),
                       background: background)
    }

    /// The CLIP-only baseline (`ZeroReferenceSegmentClassifier`).
    public static func zeroReference(_ scorer: ZeroReferenceClassifier = ZeroReferenceClassifier(), cropEncoder: any CropEncoder,
                                     textEncoder: any TextEncoder, background: BackgroundRule? = nil) -> SegmentLabeler {
        SegmentLabeler(classifier: ZeroReferenceSegmentClassifier(scorer, cropEncoder: cropEncoder, textEncoder: textEncoder),
                       background: background)
    }

    /// `P_seg` [K × labels.count] for one image.
    public func segmentScores(image: PixelImage, masks: SegmentMasks, labels: [String]) throws -> Tensor {
        try segmentScores(features: features(image: image, masks: masks), labels: labels)
    }

    /// The per-segment features the classifier scores (`[K, d]`): visual features for
    /// retrieval, CLIP crop embeddings for the zero-reference baseline.
    public func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        try classifier.features(image: image, masks: masks)
    }

    /// `P_seg` [K × labels.count] from `features(image:masks:)`.
    public func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        try requireLabels(labels)
        return try classifier.segmentScores(features: features, labels: labels)
    }

    /// Class id per pixel (index into `labels`), row-major.
    public func predict(image: PixelImage, masks: SegmentMasks, labels: [String]) throws -> [Int32] {
        try PixelPrediction.predict(segmentScores: segmentScores(image: image, masks: masks, labels: labels),
                                    masks: masks, background: background)
    }
}
