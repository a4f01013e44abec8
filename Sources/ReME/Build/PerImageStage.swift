import ReMEImage
import ReMETensor
import ReMEText

/// METHOD Part 1 steps 2–4 for one image: segments, phrases, CLIP pairing, and the visual
/// features of the segments that a phrase chose.
public struct PerImageStage: Sendable {
    public var superpixels: SuperpixelOptions
    public var crops: any CropEncoder
    public var text: any TextEncoder
    public var region: any RegionEncoder
    public var phrases: PhraseExtractor

    public init(superpixels: SuperpixelOptions, crops: any CropEncoder, text: any TextEncoder,
                region: any RegionEncoder, phrases: PhraseExtractor) {
        self.superpixels = superpixels
        self.crops = crops
        self.text = text
        self.region = region
        self.phrases = phrases
    }

    /// Phrases are embedded as written (no prompt template), as the method pairs the
    /// caption's own words with segments.
    public func process(_ image: PixelImage, caption: String) throws -> (BaseSetImage, segmentCount: Int) {
        let rooted = phrases.phrases(in: caption).map { RootedPhrase(text: $0.text, root: $0.root) }
        let segments = try Superpixels.segment(image, options: superpixels)
        let recorder = BaseSetRecorder(cropEncoder: crops, textEncoder: text, regionEncoder: region)
        return (try recorder.record(image: image, masks: try SegmentMasks(segments), phrases: rooted), segments.count)
    }
}
