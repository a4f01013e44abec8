import ReMETensor

/// An 8-bit image with interleaved channels (1 = gray, 3 = RGB, 4 = RGBA), rows top to bottom.
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && channels > 0)
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

/// A Float32 image with interleaved channels (HWC), rows top to bottom.
/// Values are on whatever scale the producer documents (0…255 after decoding).
public struct FloatImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
        precondition(width >= 0 && height >= 0 && channels > 0)
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    public init(_ image: PixelImage) {
        self.init(width: image.width, height: image.height, channels: image.channels,
                  pixels: image.pixels.map(Float.init))
    }
}
