/// How decoded pixels are laid out.
public struct ImageDecodingOptions: Sendable, Equatable {
    /// Channel layout of the decoded image.
    public enum Channels: Sendable, Equatable {
        /// 3 channels; gray is replicated, alpha dropped (PIL `convert("RGB")`).
        case rgb
        /// 4 channels; opaque alpha (255) where the file has none (PIL `convert("RGBA")`).
        case rgba
        /// 1 channel; colour becomes ITU-R 601-2 luma as PIL `convert("L")` computes it.
        case gray
        /// As stored: gray 1, gray + alpha 2, RGB 3, RGBA 4 (palettes: 3, or 4 with tRNS).
        case native
    }

    public var channels: Channels
    /// Rotate / flip JPEGs by their EXIF orientation (as PIL `ImageOps.exif_transpose`).
    public var appliesEXIFOrientation: Bool
    /// Largest width × height accepted, to refuse decompression bombs before allocating.
    public var maxPixels: Int

    public init(channels: Channels = .rgb, appliesEXIFOrientation: Bool = true, maxPixels: Int = 1 << 28) {
        self.channels = channels
        self.appliesEXIFOrientation = appliesEXIFOrientation
        self.maxPixels = maxPixels
    }
}
