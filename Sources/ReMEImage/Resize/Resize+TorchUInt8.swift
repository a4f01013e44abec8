/// Resizing 8-bit images as torchvision's `resize(antialias=True)` does on a uint8 tensor on an
/// AVX2 / AVX-512 CPU (PyTorch's `upsample_avx_bilinear_bicubic_uint8`): PIL's antialiased taps,
/// but int16 fixed-point weights with fewer fractional bits (`ResampleWeights.pil`'s
/// `torchUInt8Precision`), and always the horizontal pass first. It differs from PIL by one level
/// on a few pixels in a thousand; transformers' torchvision image processors (SAM's) resize this way.
extension PixelImage {
    public func resizedLikeTorchvision(width outWidth: Int, height outHeight: Int,
                                       filter: ResizeFilter = .bilinear) throws(ImageError) -> PixelImage {
        try validateResize(width: width, height: height, to: outWidth, outHeight)
        let horizontal = outWidth == width ? nil
            : ResampleWeights.pil(inSize: width, outSize: outWidth, filter: filter, torchUInt8Precision: true)
        let vertical = outHeight == height ? nil
            : ResampleWeights.pil(inSize: height, outSize: outHeight, filter: filter, torchUInt8Precision: true)
        return resampled(width: outWidth, height: outHeight, horizontal: horizontal, vertical: vertical, verticalFirst: false)
    }
}
