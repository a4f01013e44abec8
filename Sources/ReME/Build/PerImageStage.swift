import ReMEImage
import ReMETensor
import ReMEText

/// docs/specification.md, Part 1 steps 2–4 for one image: segments, phrases, CLIP pairing, and the visual
/// features of the segments that a phrase chose.
public struct PerImageStage: Sendable {
    /// Bump when a code change makes the stage give other output for the same inputs: resumed
    /// builds then recompute every image ("settings changed") instead of mixing old records in.
    public static let revision = 1

    /// Cuts each image into segments (Felzenszwalb, imported masks, …).
    public var masks: any MaskGenerator
    public var crops: any CropEncoder
    public var text: any TextEncoder
    public var region: any RegionEncoder
    public var phrases: PhraseExtractor

    public init(masks: any MaskGenerator, crops: any CropEncoder, text: any TextEncoder,
                region: any RegionEncoder, phrases: PhraseExtractor) {
        self.masks = masks
        self.crops = crops
        self.text = text
        self.region = region
        self.phrases = phrases
    }

    /// Phrases are embedded as written (no prompt template), as the method pairs the
    /// caption's own words with segments.
    /// - Parameter name: the image's path relative to the images folder (finds imported masks).
    public func process(_ image: PixelImage, caption: String, name: String = "") throws -> (BaseSetImage, segmentCount: Int) {
        let rooted = phrases.phrases(in: caption).map { RootedPhrase(text: $0.text, root: $0.root) }
        let segmentMasks = try masks.masks(for: image, name: name)
        let pairer = SegmentPhrasePairer(cropEncoder: crops, textEncoder: text, regionEncoder: region)
        return (try pairer.encodeAndPair(image: image, masks: segmentMasks, phrases: rooted), segmentMasks.count)
    }
}
