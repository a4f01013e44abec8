import ReMETensor
import ReMEImage

/// SAM's image preprocessing, as transformers' `SamImageProcessor` does it for one image (the
/// torchvision backend, which `pipeline("mask-generation")` loads: the pipeline needs torchvision
/// for its NMS): the longest side resized to `longestEdge` (the other side rounded half up, as
/// `_get_preprocess_shape`) with torchvision's uint8 antialiased bilinear resize
/// (`resizedLikeTorchvision`, bit-exact on AVX2 / AVX-512 CPUs), rescaled by 1/255 and normalised
/// with ImageNet's mean and std (fused as `(x − 255·mean) / (255·std)`), then padded bottom and
/// right with zeros to `padSize × padSize`.
public struct SAMImageProcessor: Sendable, Equatable {
    public var longestEdge: Int
    public var padSize: Int
    public var mean: [Float]
    public var std: [Float]

    public init(longestEdge: Int = 1024, padSize: Int = 1024, mean: [Float] = [0.485, 0.456, 0.406],
                std: [Float] = [0.229, 0.224, 0.225]) {
        self.longestEdge = longestEdge
        self.padSize = padSize
        self.mean = mean
        self.std = std
    }

    /// The geometry of an image of `width × height` under these settings.
    public func geometry(width: Int, height: Int) throws(ImageError) -> SAMImageGeometry {
        try SAMImageGeometry(originalWidth: width, originalHeight: height, longestEdge: longestEdge, padSize: padSize)
    }

    /// `pixel_values` `[3, padSize, padSize]` and the image's geometry. Gray and RGBA images are
    /// converted to RGB first (`do_convert_rgb`).
    public func preprocess(_ image: PixelImage) throws(ImageError) -> (pixelValues: Tensor, geometry: SAMImageGeometry) {
        let geometry = try geometry(width: image.width, height: image.height)
        let rgb = image.channels == 3 ? image : image.converted(to: .rgb)
        let resized = try rgb.resizedLikeTorchvision(width: geometry.reshapedWidth, height: geometry.reshapedHeight,
                                             filter: .bilinear)
        let normalized = try FloatImage(resized).normalizedCHW(mean: mean, std: std)
        let (h, w, side) = (geometry.reshapedHeight, geometry.reshapedWidth, padSize)
        var padded = Tensor(zeros: [3, side, side])
        padded.withUnsafeMutableBufferPointer { out in
            normalized.withUnsafeBufferPointer { source in
                for c in 0..<3 {
                    for y in 0..<h {
                        let from = (c * h + y) * w, to = (c * side + y) * side
                        for x in 0..<w { out[to + x] = source[from + x] }
                    }
                }
            }
        }
        return (padded, geometry)
    }
}
