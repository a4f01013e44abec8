import ReMEImage
import ReMETensor

/// METHOD Part 2 end to end for one image: class-agnostic segments, segment features,
/// retrieval against the reference set (or the CLIP-only baseline), per-pixel argmax.
public struct SegmentationPipeline: Sendable {
    public enum Mode: Sendable {
        /// Retrieval against a reference set with the region encoder that built it.
        case reference(RetrievalEngine, region: any RegionEncoder)
        /// No reference set: CLIP masked-crop embeddings against the class names.
        case zeroReference(ZeroReferenceClassifier, crops: any CropEncoder)
    }

    public var superpixels: SuperpixelOptions
    public var mode: Mode
    public var background: BackgroundRule?

    public init(superpixels: SuperpixelOptions, mode: Mode, background: BackgroundRule? = nil) {
        self.superpixels = superpixels
        self.mode = mode
        self.background = background
    }

    /// Work that depends on the label list only (`A2` for retrieval), done once per list.
    public struct PreparedLabels: Sendable {
        public var names: [String]
        public var embeddings: Tensor
        var classAffinity: Tensor?
    }

    /// `embeddings`: the labels' prompt-ensemble text embeddings `[c, d2]`, L2-normalised.
    public func prepare(labels: [String], embeddings: Tensor) throws -> PreparedLabels {
        var prepared = PreparedLabels(names: labels, embeddings: embeddings, classAffinity: nil)
        if case let .reference(engine, _) = mode {
            prepared.classAffinity = try engine.classAffinity(classEmbeddings: embeddings)
        }
        return prepared
    }

    public func segment(_ image: PixelImage, labels: PreparedLabels) throws -> SegmentationOutput {
        var timings = StageTimings()
        var clock = Stopwatch()
        let segments = try Superpixels.segment(image, options: superpixels)
        let masks = try SegmentMasks(segments)
        timings.segmenting = clock.seconds

        clock = Stopwatch()
        let scores: Tensor
        switch mode {
        case let .reference(engine, region):
            let features = try region.encodeRegions(image: image, masks: masks)
            timings.visualFeatures = clock.seconds
            clock = Stopwatch()
            guard let affinity = labels.classAffinity else {
                throw MethodError.invalidParameter(name: "labels", value: "unprepared", expected: "prepare(labels:) first")
            }
            scores = try engine.segmentScores(test: features, classAffinity: affinity)
        case let .zeroReference(classifier, crops):
            let embeddings = try crops.encodeCrops(image: image, masks: masks)
            timings.visualFeatures = clock.seconds
            clock = Stopwatch()
            scores = try classifier.segmentScores(cropEmbeddings: embeddings, classEmbeddings: labels.embeddings)
        }
        timings.retrieval = clock.seconds

        clock = Stopwatch()
        let classMap = try PixelPrediction.predict(segmentScores: scores, masks: masks, background: background)
        timings.painting = clock.seconds
        return SegmentationOutput(width: image.width, height: image.height, classMap: classMap, segments: segments,
                                  segmentScores: scores, classNames: labels.names, timings: timings)
    }
}
