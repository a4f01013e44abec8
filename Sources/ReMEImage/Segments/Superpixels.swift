/// Class-agnostic segments for the method: Felzenszwalb on the image resized to a short side
/// (448 by default, as FreeDA / ReME), label map brought back to the original size by nearest
/// neighbour.
public struct SuperpixelOptions: Sendable, Equatable {
    public var parameters: FelzenszwalbParameters
    /// Resize so the shorter side has this many pixels before segmenting; `nil` segments at the
    /// image's own resolution.
    public var shortSide: Int?
    /// Refuse images with more pixels than this after the resize.
    public var maxPixels: Int

    public init(parameters: FelzenszwalbParameters = .init(), shortSide: Int? = 448,
                maxPixels: Int = Felzenszwalb.defaultMaxPixels) {
        self.parameters = parameters
        self.shortSide = shortSide
        self.maxPixels = maxPixels
    }

    public init(preset: SegmentPreset, shortSide: Int? = 448) {
        self.init(parameters: FelzenszwalbParameters(preset: preset), shortSide: shortSide)
    }
}

public enum Superpixels {
    /// Segments `image` (gray replicated to RGB, alpha ignored). The resize is PIL's 8-bit
    /// bilinear (antialiased when shrinking, bit-exact), so the segmentation equals
    /// scikit-image's on a PIL-resized image.
    public static func segment(_ image: PixelImage, options: SuperpixelOptions = .init())
        throws(SegmentationError) -> SegmentLabels {
        guard image.width > 0, image.height > 0 else {
            throw .emptyImage(width: image.width, height: image.height)
        }
        guard let shortSide = options.shortSide,
              shortSide != min(image.width, image.height) else {
            return try Felzenszwalb.segment(image, parameters: options.parameters, maxPixels: options.maxPixels)
        }
        guard shortSide > 0, shortSide <= 16384 else {
            throw .invalidParameter(name: "short side", value: "\(shortSide)", expected: "1…16384")
        }
        try options.parameters.validate()
        let target = size(width: image.width, height: image.height, shortSide: shortSide)
        guard target.width * target.height <= options.maxPixels else {
            throw .tooLarge(width: target.width, height: target.height, maxPixels: options.maxPixels)
        }
        let resized = try resized8Bit(image, width: target.width, height: target.height)
        let labels = try Felzenszwalb.segment(resized, parameters: options.parameters, maxPixels: options.maxPixels)
        return labels.resizedNearest(width: image.width, height: image.height)
    }

    /// PIL's 8-bit bilinear resize (bit-exact with `Image.resize(..., BILINEAR)`).
    static func resized8Bit(_ image: PixelImage, width: Int, height: Int) throws(SegmentationError) -> PixelImage {
        do { return try image.resizedLikePIL(width: width, height: height, filter: .bilinear) } catch {
            throw .invalidParameter(name: "resize", value: "\(width)×\(height)", expected: "\(error)")
        }
    }

    /// Output size whose short side is `shortSide`, long side rounded to nearest.
    static func size(width: Int, height: Int, shortSide: Int) -> (width: Int, height: Int) {
        if width <= height {
            return (shortSide, max(1, Int((Double(height) * Double(shortSide) / Double(width)).rounded())))
        }
        return (max(1, Int((Double(width) * Double(shortSide) / Double(height)).rounded())), shortSide)
    }
}
