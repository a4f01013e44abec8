import ReMEImage
import ReMETensor

/// docs/specification.md, Part 2, end to end for one image: class-agnostic segments, then `Segmenter`
/// (segment features, retrieval against the reference set or the CLIP-only baseline),
/// then the per-pixel argmax.
public struct SegmentationPipeline: Sendable {
    public var superpixels: SuperpixelOptions
    public var segmenter: Segmenter

    public init(superpixels: SuperpixelOptions, segmenter: Segmenter) {
        self.superpixels = superpixels
        self.segmenter = segmenter
    }

    /// - Parameters:
    ///   - labels: the class names as given to the text encoder (prompts are added by the
    ///     segmenter's prompt ensemble); label-list work is cached across images.
    ///   - classNames: names reported in the output (default: `labels`).
    ///   - segments: masks from an external segmenter (`MaskSource`) instead of Felzenszwalb.
    public func segment(_ image: PixelImage, labels: [String], classNames: [String]? = nil,
                        segments external: SegmentLabels? = nil) throws -> SegmentationOutput {
        var timings = StageTimings()
        var clock = Stopwatch()
        let segments = try external ?? Superpixels.segment(image, options: superpixels)
        let masks = try SegmentMasks(segments)
        timings.segmenting = clock.seconds

        clock = Stopwatch()
        let features = try segmenter.features(image: image, masks: masks)
        timings.visualFeatures = clock.seconds

        clock = Stopwatch()
        let scores = try segmenter.segmentScores(features: features, labels: labels)
        timings.retrieval = clock.seconds

        clock = Stopwatch()
        let classMap = try PixelPrediction.predict(segmentScores: scores, masks: masks, background: segmenter.background)
        timings.painting = clock.seconds
        return SegmentationOutput(width: image.width, height: image.height, classMap: classMap, segments: segments,
                                  segmentScores: scores, classNames: classNames ?? labels, timings: timings)
    }
}
