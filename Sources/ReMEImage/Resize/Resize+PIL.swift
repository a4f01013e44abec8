/// Resizing with PIL's `Image.resize` convention (bilinear / bicubic a = −0.5, support
/// widened by the downscale factor so downscaling is antialiased, two separable passes).
extension PixelImage {
    /// PIL's 8-bit path: bit-exact with PIL for L and RGB images (channels are resampled
    /// independently; PIL premultiplies alpha for RGBA/LA, this does not).
    public func resizedLikePIL(width outWidth: Int, height outHeight: Int,
                               filter: ResizeFilter = .bicubic) throws(ImageError) -> PixelImage {
        try validateResize(width: width, height: height, to: outWidth, outHeight)
        let horizontal = outWidth == width ? nil : ResampleWeights.pil(inSize: width, outSize: outWidth, filter: filter)
        let vertical = outHeight == height ? nil : ResampleWeights.pil(inSize: height, outSize: outHeight, filter: filter)
        return resampled(width: outWidth, height: outHeight, horizontal: horizontal, vertical: vertical,
                         verticalFirst: pilRunsVerticalPassFirst(width, height, outWidth, outHeight))
    }

    /// The 8-bit two-pass resampling with the given weight tables (nil: that axis is kept).
    func resampled(width outWidth: Int, height outHeight: Int, horizontal: ResampleWeights?,
                   vertical: ResampleWeights?, verticalFirst: Bool = false) -> PixelImage {
        let count = outWidth * outHeight * channels
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                SeparableResampler.resample(source, width: width, height: height, channels: channels, into: buffer,
                                            horizontal: horizontal, vertical: vertical, verticalFirst: verticalFirst)
            }
            initialized = count
        }
        return PixelImage(width: outWidth, height: outHeight, channels: channels, pixels: out)
    }
}

extension FloatImage {
    /// PIL's float ("F" mode) path applied to every channel: no rounding or clamping.
    public func resizedLikePIL(width outWidth: Int, height outHeight: Int,
                               filter: ResizeFilter = .bicubic) throws(ImageError) -> FloatImage {
        try validateResize(width: width, height: height, to: outWidth, outHeight)
        let horizontal = outWidth == width ? nil : ResampleWeights.pil(inSize: width, outSize: outWidth, filter: filter)
        let vertical = outHeight == height ? nil : ResampleWeights.pil(inSize: height, outSize: outHeight, filter: filter)
        return resampled(width: outWidth, height: outHeight, horizontal: horizontal, vertical: vertical,
                         verticalFirst: pilRunsVerticalPassFirst(width, height, outWidth, outHeight))
    }

    func resampled(width outWidth: Int, height outHeight: Int, horizontal: ResampleWeights?,
                   vertical: ResampleWeights?, verticalFirst: Bool = false) -> FloatImage {
        let count = outWidth * outHeight * channels
        let out = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                SeparableResampler.resample(source, width: width, height: height, channels: channels, into: buffer,
                                            horizontal: horizontal, vertical: vertical, verticalFirst: verticalFirst)
            }
            initialized = count
        }
        return FloatImage(width: outWidth, height: outHeight, channels: channels, pixels: out)
    }
}

func validateResize(width: Int, height: Int, to outWidth: Int, _ outHeight: Int) throws(ImageError) {
    guard width > 0, height > 0 else { throw .invalidArgument("cannot resize an empty \(width)×\(height) image") }
    guard outWidth > 0, outHeight > 0 else { throw .invalidArgument("resize target must be at least 1×1, got \(outWidth)×\(outHeight)") }
}

/// Pillow 13 runs the vertical pass first when the height shrinks and 2·outWidth + height >
/// 2·width + outHeight (earlier Pillow always ran horizontal first). Found by probing
/// Pillow 13.0.0 (296 of 296 random size pairs agree); it matters only for 8-bit rounding.
func pilRunsVerticalPassFirst(_ width: Int, _ height: Int, _ outWidth: Int, _ outHeight: Int) -> Bool {
    outHeight < height && 2 * outWidth + height > 2 * width + outHeight
}
