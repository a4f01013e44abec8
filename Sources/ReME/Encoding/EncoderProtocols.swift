import ReMEImage
import ReMETensor

/// Encodes the regions of one image into visual features (the `S` of the method).
///
/// Returns `[K, d]` with one L2-normalised row per mask, in mask order.
public protocol RegionEncoder: Sendable {
    /// Width of each feature row.
    var featureDimension: Int { get }
    func encodeRegions(image: PixelImage, masks: SegmentMasks) throws -> Tensor
}

/// Encodes each mask as a masked crop through an image–text model's image tower (CLIP),
/// giving `[K, d]` L2-normalised embeddings in the text encoder's space.
public protocol CropEncoder: Sendable {
    var embeddingDimension: Int { get }
    func encodeCrops(image: PixelImage, masks: SegmentMasks) throws -> Tensor
}

/// Encodes texts into `[n, d]` L2-normalised embeddings (the CLIP text tower).
public protocol TextEncoder: Sendable {
    var embeddingDimension: Int { get }
    func encodeTexts(_ texts: [String]) throws -> Tensor
}
