import ReMEImage
import ReMETensor

/// docs/specification.md, Part 2, end to end for one image: class-agnostic segments (a
/// `MaskGenerator`), then `SegmentLabeler` (segment features and their class scores: retrieval
/// against a reference set, the CLIP-only baseline, or any other `SegmentClassifier`), then the
/// per-pixel argmax.
public struct SegmentationPipeline: Sendable {
    public var masks: any MaskGenerator
    public var labeler: SegmentLabeler

    public init(masks: any MaskGenerator, labeler: SegmentLabeler) {
        self.masks = masks
        self.labeler = labeler
    }

    /// - Parameters:
    ///   - labels: the class names as given to the text encoder (prompts are added by the
    ///     classifier's prompt ensemble); label-list work is cached across images.
    ///   - classNames: names reported in the output (default: `labels`).
    ///   - name: the image's path, by which imported masks are found (`ImportedMasks`).
    public func segment(_ image: PixelImage, labels: [String], classNames: [String]? = nil,
                        name: String = "") throws -> SegmentationOutput {
        var timings = StageTimings()
        var clock = Stopwatch()
        let segmentMasks = try masks.masks(for: image, name: name)
        timings.segmenting = clock.seconds

        clock = Stopwatch()
        let features = try labeler.features(image: image, masks: segmentMasks)
        timings.visualFeatures = clock.seconds

        clock = Stopwatch()
        let scores = try labeler.segmentScores(features: features, labels: labels)
        timings.retrieval = clock.seconds

        clock = Stopwatch()
        let classMap = try PixelPrediction.predict(segmentScores: scores, masks: segmentMasks, background: labeler.background)
        timings.painting = clock.seconds
        let (segments, segmentScores) = try SegmentationOutput.regions(of: segmentMasks, scores: scores)
        return SegmentationOutput(width: image.width, height: image.height, classMap: classMap, segments: segments,
                                  segmentScores: segmentScores, classNames: classNames ?? labels, timings: timings)
    }
}
