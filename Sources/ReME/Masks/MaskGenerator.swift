import Foundation
import ReMEImage

/// Cuts an image into class-agnostic segments: the first step of both the build
/// (`PerImageStage`) and segmentation (`SegmentationPipeline`), which reach it only through
/// this protocol. Conformers: `FelzenszwalbMasks` (superpixels) and `ImportedMasks` (masks
/// an external segmenter wrote to disk); a native SAM segmenter is one more conformer.
///
/// The build and the pipeline ask for `masks(for:name:)`: a label map (every pixel in exactly
/// one segment) or possibly overlapping binary masks (`OverlappingMasks`, SAM), which enter
/// pooling, cropping and Eq. 3 as masks of their own. Generators of a partition implement only
/// `segments(for:name:)`.
public protocol MaskGenerator: Sendable {
    /// The segments of `image` as a label map (ids `0..<K` in raster order of first appearance);
    /// a generator of overlapping masks flattens them here (as `ExternalMasks` documents).
    /// - Parameter name: the image's path (relative to the images folder in a build, as given
    ///   on the command line otherwise); generators that read masks from disk find them by it.
    func segments(for image: PixelImage, name: String) throws -> SegmentLabels

    /// The masks the method works on (default: the label map of `segments(for:name:)`).
    func masks(for image: PixelImage, name: String) throws -> SegmentMasks

    /// The generator and its settings, e.g. "felzenszwalb scale=100.0 sigma=1.0 min_size=20
    /// short_side=448": recorded in a build's `build.json` (a work folder keeps one value for
    /// life) and in the reference set's provenance (`segmenter`).
    var settingsDescription: String { get }

    /// What every image's segments depend on besides the image and its `maskFile(for:)`: part
    /// of every build record's key, so a change recomputes the images. Keep it stable: changing
    /// the text invalidates existing work folders.
    var recordKeyDescription: String { get }

    /// The file this image's masks are read from, if any: its bytes join the image's build
    /// record key, so a resumed build recomputes the images whose masks changed.
    func maskFile(for name: String) -> URL?
}

extension MaskGenerator {
    public func masks(for image: PixelImage, name: String) throws -> SegmentMasks {
        try SegmentMasks(segments(for: image, name: name))
    }

    public var recordKeyDescription: String { settingsDescription }

    public func maskFile(for name: String) -> URL? { nil }
}
