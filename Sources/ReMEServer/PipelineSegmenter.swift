import Foundation
import ReME
import ReMEImage

/// `ImageSegmenting` over the loaded models: one `SegmentationPipeline` per distinct retrieval
/// setting (the default one made at start; others on first use, at most `variants` kept), each
/// with its own bounded class-embedding caches; the background rule is applied per request.
public final class PipelineSegmenter: ImageSegmenting, @unchecked Sendable {
    public typealias Factory = @Sendable (SegmentSettings) throws -> SegmentationPipeline
    private let make: Factory
    private let pipelines: LockedCache<SegmentSettings, SegmentationPipeline>

    /// - Parameters:
    ///   - variants: retrieval settings whose pipelines are kept (the oldest is dropped first).
    ///   - make: builds the pipeline for the retrieval part of the settings (nil fields: the
    ///     server's defaults); called once at start with the defaults, so load errors surface then.
    public init(variants: Int = 4, make: @escaping Factory) throws {
        self.make = make
        pipelines = LockedCache(capacity: variants)
        _ = try pipelines.value(for: SegmentSettings()) { try make(SegmentSettings()) }
    }

    public func segment(_ image: PixelImage, labels: [String], settings: SegmentSettings) throws -> SegmentationOutput {
        var pipeline = try pipelines.value(for: settings.retrievalKey) { try make(settings.retrievalKey) }
        if let threshold = settings.backgroundThreshold {
            guard let index = labels.firstIndex(where: { $0.lowercased() == "background" }) else {
                throw ServeError.badRequest("bad_labels", "background_threshold needs a label named 'background'")
            }
            pipeline.labeler.background = BackgroundRule(threshold: threshold, classIndex: index)
        } else {
            pipeline.labeler.background = nil
        }
        return try pipeline.segment(image, labels: labels)
    }
}
