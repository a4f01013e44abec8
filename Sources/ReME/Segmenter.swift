import ReMEImage
import ReMETensor

/// Segments test images for a list of class names (docs/specification.md, Part 2): with a reference set by
/// retrieval, without one by the zero-reference CLIP baseline.
public struct Segmenter: Sendable {
    public enum Mode: Sendable {
        case retrieval(RetrievalEngine, regionEncoder: any RegionEncoder)
        case zeroReference(ZeroReferenceClassifier, cropEncoder: any CropEncoder)
    }

    public let mode: Mode
    public let textEncoder: any TextEncoder
    public let classCache: ClassEmbeddingCache
    public var background: BackgroundRule?
    /// Largest `O_ref·A2` (in floats, `m·c`) kept per label list; above it only `A2` is kept
    /// and `O_ref·A2` is formed block by block for every image. Default 2²⁸ floats = 1 GiB.
    public var referenceClassBudget: Int = 1 << 28

    private enum ClassTable: Sendable {
        case affinity(Tensor)
        case referenceClasses(Tensor)
    }

    /// Per label list: `O_ref·A2` when it fits the budget, else `A2`.
    private let tables = LockedCache<[String], ClassTable>()

    public init(mode: Mode, textEncoder: any TextEncoder, classCache: ClassEmbeddingCache = ClassEmbeddingCache(),
                background: BackgroundRule? = nil) {
        self.mode = mode
        self.textEncoder = textEncoder
        self.classCache = classCache
        self.background = background
    }

    /// `P_seg` [K × labels.count] for one image.
    public func segmentScores(image: PixelImage, masks: SegmentMasks, labels: [String]) throws -> Tensor {
        try segmentScores(features: features(image: image, masks: masks), labels: labels)
    }

    /// The per-segment features the mode classifies: visual features for retrieval, CLIP crop
    /// embeddings for the zero-reference baseline (`[K, d]`, L2-normalised).
    public func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        switch mode {
        case let .retrieval(_, regionEncoder): return try regionEncoder.encodeRegions(image: image, masks: masks)
        case let .zeroReference(_, cropEncoder): return try cropEncoder.encodeCrops(image: image, masks: masks)
        }
    }

    /// `P_seg` [K × labels.count] from `features(image:masks:)`.
    public func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        guard !labels.isEmpty else {
            throw MethodError.invalidParameter(name: "labels", value: "[]", expected: "at least one class name")
        }
        let classes = try classCache.embeddings(for: labels, encoder: textEncoder)
        switch mode {
        case let .retrieval(engine, _):
            let budget = referenceClassBudget
            let table = try tables.value(for: labels) { () throws -> ClassTable in
                let a2 = try engine.classAffinity(classEmbeddings: classes)
                if engine.index.segmentCount * labels.count <= budget {
                    return .referenceClasses(try engine.referenceClasses(classAffinity: a2))
                }
                return .affinity(a2)
            }
            switch table {
            case let .affinity(a2): return try engine.segmentScores(test: features, classAffinity: a2)
            case let .referenceClasses(v): return try engine.segmentScores(test: features, referenceClasses: v)
            }
        case let .zeroReference(classifier, _):
            return try classifier.segmentScores(cropEmbeddings: features, classEmbeddings: classes)
        }
    }

    /// Class id per pixel (index into `labels`), row-major.
    public func predict(image: PixelImage, masks: SegmentMasks, labels: [String]) throws -> [Int32] {
        try PixelPrediction.predict(segmentScores: segmentScores(image: image, masks: masks, labels: labels),
                                    masks: masks, background: background)
    }
}
