import ReMEImage
import ReMETensor

/// ReME's classifier (docs/specification.md, Part 2): visual features of the segments
/// (`RegionEncoder`) retrieved against a reference set, `P_seg = softmax(τ₁·S·S_refᵀ)·(O_ref·A₂)`.
public struct RetrievalClassifier: SegmentClassifier {
    public let engine: RetrievalEngine
    public let regionEncoder: any RegionEncoder
    public let textEncoder: any TextEncoder
    public let classCache: ClassEmbeddingCache
    /// Largest `O_ref·A2` (in floats, `m·c`) kept per label list; above it only `A2` is kept
    /// and `O_ref·A2` is formed block by block for every image. Default 2²⁸ floats = 1 GiB.
    public let referenceClassBudget: Int

    private enum ClassTable: Sendable {
        case affinity(Tensor)
        case referenceClasses(Tensor)
    }

    /// Per label list: `O_ref·A2` when it fits the budget, else `A2`.
    private let tables: LockedCache<[String], ClassTable>

    /// - Parameter labelListCapacity: label lists whose class tables are kept (the oldest is
    ///   dropped first); default: all.
    public init(engine: RetrievalEngine, regionEncoder: any RegionEncoder, textEncoder: any TextEncoder,
                classCache: ClassEmbeddingCache = ClassEmbeddingCache(), referenceClassBudget: Int = 1 << 28,
                labelListCapacity: Int = .max) {
        tables = LockedCache(capacity: labelListCapacity)
        self.engine = engine
        self.regionEncoder = regionEncoder
        self.textEncoder = textEncoder
        self.classCache = classCache
        self.referenceClassBudget = referenceClassBudget
    }

    /// The segments' visual features (`[K, d1]`, L2-normalised).
    public func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        try regionEncoder.encodeRegions(image: image, masks: masks)
    }

    public func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        try requireLabels(labels)
        let classes = try classCache.embeddings(for: labels, encoder: textEncoder)
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
    }
}
