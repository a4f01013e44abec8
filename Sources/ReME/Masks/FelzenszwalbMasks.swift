import ReMEImage

/// Felzenszwalb superpixels (`Superpixels.segment`) with the given settings: the default
/// segmenter of `reme build`, `reme segment` and `reme eval`.
public struct FelzenszwalbMasks: MaskGenerator, Equatable {
    public var options: SuperpixelOptions

    public init(_ options: SuperpixelOptions = .init()) { self.options = options }

    public func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        try Superpixels.segment(image, options: options)
    }

    public var settingsDescription: String {
        let p = options.parameters
        return "felzenszwalb scale=\(p.scale) sigma=\(p.sigma) min_size=\(p.minSize) "
            + "short_side=\(options.shortSide.map(String.init) ?? "native")"
    }

    public var recordKeyDescription: String { settingsDescription + " max_pixels=\(options.maxPixels)" }
}
