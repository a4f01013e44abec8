import ReMEImage
import ReMEModels

/// SAM's automatic masks as the method's segmenter (`--segmenter sam`, the paper's ReME-SAM):
/// the generator's masks enter pooling, crops and Eq. 3 overlapping (`OverlappingMasks`), and
/// every region no mask covers becomes one more mask, classified like the others.
public struct SAMMasks: MaskGenerator {
    public let generator: SAMAutomaticMaskGenerator
    /// The model as the user named it and its identity (config hash, weights fingerprint).
    public let model: ModelIdentity

    public init(generator: SAMAutomaticMaskGenerator, model: ModelIdentity) {
        self.generator = generator
        self.model = model
    }

    /// Loads the SAM checkpoint in `folder` (named `name` in descriptions).
    public init(folder: ModelFolder, name: String, settings: SAMMaskGenerationSettings = .init()) throws {
        let sam = try SAMModel.load(folder)
        try self.init(generator: SAMAutomaticMaskGenerator(model: sam, settings: settings),
                      model: ModelIdentity(folder: folder, name: name))
    }

    public func masks(for image: PixelImage, name: String) throws -> SegmentMasks {
        SegmentMasks(try OverlappingMasks(masks: try binaryMasks(of: image), width: image.width, height: image.height))
    }

    /// The masks flattened into a partition (largest first, uncovered regions as segments).
    public func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        try ExternalMasks.labels(fromMasks: try binaryMasks(of: image), width: image.width, height: image.height)
    }

    private func binaryMasks(of image: PixelImage) throws -> [[UInt8]] {
        try generator.generate(image).map { try $0.segmentation.mask() }
    }

    public var settingsDescription: String { "sam model=\(model.name) \(generator.settings.description)" }

    /// The weights, not the name, key the records: the same checkpoint under another path reuses them.
    public var recordKeyDescription: String {
        "sam config=\(model.configSHA256) weights=\(model.weightsFingerprint) \(generator.settings.description)"
    }
}
