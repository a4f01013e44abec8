/// An image with interleaved channels (1 = gray, 3 = RGB, 4 = RGBA), rows top to bottom, of
/// samples of one type: one generic type, so size checks, pixel access and copies are written once.
public struct Image<Sample: Sendable & Equatable>: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [Sample]

    public init(width: Int, height: Int, channels: Int, pixels: [Sample]) {
        precondition(width >= 0 && height >= 0 && channels > 0)
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}

/// An 8-bit image: what decoders produce and encoders take.
public typealias PixelImage = Image<UInt8>

/// A Float32 image. Values are on whatever scale the producer documents (0…255 after decoding).
public typealias FloatImage = Image<Float>

/// 16-bit samples: 16-bit PNGs read without scaling, and label maps (segment ids, class ids,
/// palette indices).
public typealias UInt16Image = Image<UInt16>

extension Image where Sample == Float {
    public init(_ image: PixelImage) {
        self.init(width: image.width, height: image.height, channels: image.channels,
                  pixels: image.pixels.map(Float.init))
    }
}
