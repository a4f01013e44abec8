/// Draws segment boundaries over an image: a pixel is a boundary pixel when its right or lower
/// neighbour belongs to another segment (1-pixel lines, as `skimage.segmentation.mark_boundaries`
/// with `mode="inner"` on one side).
public enum BoundaryOverlay {
    /// Returns an RGB copy of `image` (gray replicated, alpha dropped) with boundaries in `color`.
    public static func draw(_ labels: SegmentLabels, on image: PixelImage,
                            color: (UInt8, UInt8, UInt8) = (255, 255, 0)) throws(SegmentationError) -> PixelImage {
        guard image.width == labels.width, image.height == labels.height else {
            throw .sizeMismatch(what: "label map", expectedWidth: image.width, expectedHeight: image.height,
                                foundWidth: labels.width, foundHeight: labels.height)
        }
        guard [1, 3, 4].contains(image.channels) else { throw .unsupportedChannels(image.channels) }
        let width = image.width, height = image.height, channels = image.channels
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        image.pixels.withUnsafeBufferPointer { src in
            labels.labels.withUnsafeBufferPointer { map in
                rgb.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<height {
                        for x in 0..<width {
                            let i = y * width + x
                            let label = map[i]
                            let edge = (x + 1 < width && map[i + 1] != label)
                                || (y + 1 < height && map[i + width] != label)
                            if edge {
                                dst[i * 3] = color.0
                                dst[i * 3 + 1] = color.1
                                dst[i * 3 + 2] = color.2
                            } else {
                                for c in 0..<3 { dst[i * 3 + c] = src[i * channels + (channels >= 3 ? c : 0)] }
                            }
                        }
                    }
                }
            }
        }
        return PixelImage(width: width, height: height, channels: 3, pixels: rgb)
    }

    /// Same, from a float image on the 0…255 scale (values rounded and clamped).
    public static func draw(_ labels: SegmentLabels, on image: FloatImage,
                            color: (UInt8, UInt8, UInt8) = (255, 255, 0)) throws(SegmentationError) -> PixelImage {
        let bytes = image.pixels.map { UInt8(max(0, min(255, $0.isFinite ? $0.rounded() : 0))) }
        return try draw(labels, on: PixelImage(width: image.width, height: image.height, channels: image.channels,
                                               pixels: bytes), color: color)
    }
}
