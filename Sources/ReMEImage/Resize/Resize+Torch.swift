import ReMETensor

/// Resizing with PyTorch's `F.interpolate(mode:, align_corners=False)` convention.
/// `antialias: false` — bilinear, or bicubic with a = −0.75 and border clamping;
/// `antialias: true` — PIL-style widened kernels (bicubic a = −0.5), as `_upsample_*_aa`.
extension FloatImage {
    public func resizedLikeTorch(width outWidth: Int, height outHeight: Int, filter: ResizeFilter = .bicubic,
                                 antialias: Bool = false) throws(ImageError) -> FloatImage {
        try validateResize(width: width, height: height, to: outWidth, outHeight)
        let tables = TorchResize.tables(width: width, height: height, outWidth: outWidth, outHeight: outHeight,
                                        filter: filter, antialias: antialias)
        return resampled(width: outWidth, height: outHeight, horizontal: tables.horizontal, vertical: tables.vertical)
    }
}

extension Tensor {
    /// Resizes the last two axes ([..., H, W], e.g. CHW images or [1, D, h, w] position
    /// embeddings) with PyTorch's `F.interpolate` convention.
    public func resizedLikeTorch(height outHeight: Int, width outWidth: Int, filter: ResizeFilter = .bicubic,
                                 antialias: Bool = false) throws(ImageError) -> Tensor {
        guard shape.count >= 2 else { throw .invalidArgument("resize needs a tensor [..., H, W], got shape \(shape)") }
        let height = shape[shape.count - 2], width = shape[shape.count - 1]
        try validateResize(width: width, height: height, to: outWidth, outHeight)
        let planes = shape.dropLast(2).reduce(1, *)
        let tables = TorchResize.tables(width: width, height: height, outWidth: outWidth, outHeight: outHeight,
                                        filter: filter, antialias: antialias)
        var out = Tensor(uninitialized: Array(shape.dropLast(2)) + [outHeight, outWidth])
        let inPlane = height * width, outPlane = outHeight * outWidth
        withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                for p in 0..<planes {
                    SeparableResampler.resample(
                        UnsafeBufferPointer(rebasing: source[(p * inPlane)..<((p + 1) * inPlane)]),
                        width: width, height: height, channels: 1,
                        into: UnsafeMutableBufferPointer(rebasing: destination[(p * outPlane)..<((p + 1) * outPlane)]),
                        horizontal: tables.horizontal, vertical: tables.vertical)
                }
            }
        }
        return out
    }
}

enum TorchResize {
    /// PyTorch resamples every axis, even an unchanged one (an identity for these kernels),
    /// so unchanged axes are skipped.
    static func tables(width: Int, height: Int, outWidth: Int, outHeight: Int, filter: ResizeFilter,
                       antialias: Bool) -> (horizontal: ResampleWeights?, vertical: ResampleWeights?) {
        func table(_ inSize: Int, _ outSize: Int) -> ResampleWeights? {
            if inSize == outSize { return nil }
            return antialias ? .pil(inSize: inSize, outSize: outSize, filter: filter)
                : .torch(inSize: inSize, outSize: outSize, filter: filter)
        }
        return (table(width, outWidth), table(height, outHeight))
    }
}
