import Foundation
import ReMEImage

/// Masks an external segmenter (SAM's automatic mask generator, SAM 2, COCO annotations, …)
/// wrote to disk, read with `MaskSource` (`--masks PATH`).
public struct ImportedMasks: MaskGenerator {
    public let source: MaskSource
    /// The path as the user gave it: it names the masks in `build.json` and provenance.
    public let argument: String

    public init(path: String) throws(PipelineError) {
        source = try MaskSource(path: path)
        argument = path
    }

    public func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        try source.labels(for: name, width: image.width, height: image.height)
    }

    public func masks(for image: PixelImage, name: String) throws -> SegmentMasks {
        try source.masks(for: name, width: image.width, height: image.height)
    }

    public var settingsDescription: String { "external masks \(argument)" }

    /// The masks files' bytes are keyed per image (`maskFile(for:)`), so the path is not part of
    /// it; "overlapping" marks records made since JSON masks stopped being flattened.
    public var recordKeyDescription: String { "external masks overlapping" }

    public func maskFile(for name: String) -> URL? { try? source.file(for: name) }
}
