import ReMEImage

/// SAM's automatic masks as a `MaskGenerator` (for `--segmenter sam`): the generated masks are
/// flattened into a label map by `ExternalMasks`' overlap rule, exactly as imported SAM masks are
/// (largest first, smaller masks on top, uncovered regions as their own segments).
public struct SAMMasks: MaskGenerator {
    public let generator: SAMAutomaticMaskGenerator
    /// Names the model in the settings description (e.g. its folder or hub id).
    public let modelName: String

    public init(generator: SAMAutomaticMaskGenerator, modelName: String) {
        self.generator = generator
        self.modelName = modelName
    }

    public func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        let masks = try generator.generate(image)
        let pixels = try masks.map { (mask: SAMGeneratedMask) throws -> [UInt8] in try mask.segmentation.mask() }
        return try ExternalMasks.labels(fromMasks: pixels, width: image.width, height: image.height)
    }

    public var settingsDescription: String { "sam \(modelName) \(generator.settings.description)" }
}
