import ReMEImage
import ReMETensor

/// Encodes one captioned image (its segments with CLIP crops and the visual encoder, its phrases
/// with CLIP text) and pairs each phrase with a segment (docs/specification.md, Part 1 steps 4 and
/// the visual features of step 6) — the per-image half of building a reference set.
public struct SegmentPhrasePairer: Sendable {
    public let cropEncoder: any CropEncoder
    public let textEncoder: any TextEncoder
    public let regionEncoder: any RegionEncoder

    public init(cropEncoder: any CropEncoder, textEncoder: any TextEncoder, regionEncoder: any RegionEncoder) {
        self.cropEncoder = cropEncoder
        self.textEncoder = textEncoder
        self.regionEncoder = regionEncoder
    }

    public func encodeAndPair(image: PixelImage, masks: SegmentMasks, phrases: [RootedPhrase]) throws -> BaseSetImage {
        if phrases.isEmpty || masks.count == 0 {
            return try InitialPairing.pair(cropEmbeddings: Tensor(zeros: [0, 1]), phraseEmbeddings: Tensor(zeros: [0, 1]),
                                           visualFeatures: Tensor(zeros: [0, regionEncoder.featureDimension]), phrases: [])
        }
        let crops = try cropEncoder.encodeCrops(image: image, masks: masks)
        let text = try textEncoder.encodeTexts(phrases.map(\.text))
        let visual = try regionEncoder.encodeRegions(image: image, masks: masks)
        guard crops.rank == 2, crops.shape[0] == masks.count else {
            throw MethodError.encoderOutput(encoder: "crop encoder", expected: "[\(masks.count), d2]", found: crops.shape)
        }
        guard visual.shape == [masks.count, regionEncoder.featureDimension] else {
            throw MethodError.encoderOutput(encoder: "region encoder", expected: "[\(masks.count), \(regionEncoder.featureDimension)]",
                                            found: visual.shape)
        }
        return try InitialPairing.pair(cropEmbeddings: crops, phraseEmbeddings: text, visualFeatures: visual, phrases: phrases)
    }
}
