import ReMEImage
import ReMETensor

/// The CLIP-only baseline used without a reference set: each segment's masked crop
/// (`CropEncoder`) against the prompt-ensemble class embeddings, `softmax(τ·crops·L_testᵀ)`.
public struct ZeroReferenceSegmentClassifier: SegmentClassifier {
    public let scorer: ZeroReferenceClassifier
    public let cropEncoder: any CropEncoder
    public let textEncoder: any TextEncoder
    public let classCache: ClassEmbeddingCache

    public init(_ scorer: ZeroReferenceClassifier = ZeroReferenceClassifier(), cropEncoder: any CropEncoder,
                textEncoder: any TextEncoder, classCache: ClassEmbeddingCache = ClassEmbeddingCache()) {
        self.scorer = scorer
        self.cropEncoder = cropEncoder
        self.textEncoder = textEncoder
        self.classCache = classCache
    }

    /// The segments' CLIP crop embeddings (`[K, d2]`, L2-normalised).
    public func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        try cropEncoder.encodeCrops(image: image, masks: masks)
    }

    public func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        try requireLabels(labels)
        let classes = try classCache.embeddings(for: labels, encoder: textEncoder)
        return try scorer.segmentScores(cropEmbeddings: features, classEmbeddings: classes)
    }
}
