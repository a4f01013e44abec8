/// What every evaluated image's result depends on besides its image, label map and masks
/// file: the benchmark's classes and label handling, the models (by architecture and weights,
/// not by name), the reference set's bytes, the segmenter, the classifier's settings and the
/// background rule. Records made under other settings are recomputed, and shards made under
/// other settings are not merged.
public struct EvaluationSettings: Sendable, Equatable {
    /// Bumped when the per-image evaluation changes what it computes.
    static let revision = 1
    public let description: String

    /// - Parameters:
    ///   - reference: the reference set file's digest; nil for the zero-reference baseline.
    ///   - classifier: the classifier's settings as text, e.g. `RetrievalConfiguration.keyDescription`.
    public init(dataset: BenchmarkDataset, clip: ModelIdentity, visual: ModelIdentity?, denseShortSide: Int,
                reference: ContentDigest?, classifier: String, pipeline: SegmentationPipeline) {
        func model(_ role: String, _ identity: ModelIdentity?) -> String {
            guard let identity else { return "\(role) none" }
            return "\(role) \(identity.modelType) config \(identity.configSHA256) weights \(identity.weightsFingerprint)"
        }
        let background = pipeline.labeler.background.map { "threshold \($0.threshold) class \($0.classIndex)" } ?? "none"
        description = [
            "eval revision \(Self.revision)",
            "benchmark \(dataset.benchmark.rawValue) classes \(ContentDigest(dataset.classNames.joined(separator: "\n")))",
            "labels \(dataset.labelMapping) ignore \(dataset.benchmark.ignoreIndex)",
            model("clip", clip), model("visual", visual),
            "dense short side \(denseShortSide)",
            "reference \(reference.map(\.description) ?? "none")",
            "classifier \(classifier)",
            "segments: \(pipeline.masks.recordKeyDescription)",
            "background \(background)",
        ].joined(separator: "\n")
    }

    public var digest: ContentDigest { ContentDigest(description) }
}

extension RetrievalConfiguration {
    /// The settings that change retrieval's numbers (the thread count does not).
    public var keyDescription: String {
        "retrieval tau-visual \(visualTemperature) tau-text \(textTemperature) top-k \(topK.map(String.init) ?? "all") "
            + "block \(blockSize)"
    }
}
