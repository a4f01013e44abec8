/// An image of 16-bit samples with interleaved channels, rows top to bottom: 16-bit PNGs read
/// without scaling, and label maps (segment ids, class ids, palette indices).
public struct UInt16Image: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt16]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt16]) {
        precondition(width >= 0 && height >= 0 && channels > 0)
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
