import ReMETensor

/// Output sizes for "resize the short side to N", as transformers'
/// `get_resize_output_image_size(default_to_square=False)` and torchvision compute them.
public enum ResizeGeometry {
    /// The short side becomes `shortSide`; the long side is ⌊shortSide · long / short⌋
    /// (truncated, as Python's `int(...)`). With `maxLongSide`, a long side above it is
    /// clamped to it and the short side scaled down the same way.
    public static func shortSide(_ shortSide: Int, width: Int, height: Int,
                                 maxLongSide: Int? = nil) throws(ImageError) -> (width: Int, height: Int) {
        guard width > 0, height > 0, shortSide > 0 else {
            throw .invalidArgument("short-side resize of a \(width)×\(height) image to \(shortSide)")
        }
        let short = min(width, height), long = max(width, height)
        var newShort = shortSide
        var newLong = Int(Double(shortSide * long) / Double(short))
        if let maxLongSide {
            guard maxLongSide > shortSide else {
                throw .invalidArgument("maximum long side \(maxLongSide) must exceed the short side \(shortSide)")
            }
            if newLong > maxLongSide {
                newShort = Int(Double(maxLongSide * newShort) / Double(newLong))
                newLong = maxLongSide
            }
        }
        return width <= height ? (newShort, newLong) : (newLong, newShort)
    }
}

/// Where a centre crop starts when the image and the crop differ by an odd number of pixels.
/// The two agree when the image is at least as large as the crop (offset ⌊(W − w)/2⌋).
public enum CenterCropConvention: Sendable {
    /// transformers' numpy / PIL backend: offset ⌊(W − w)/2⌋ with Python floor division, so
    /// when padding, the larger half of the zero padding goes before the image.
    case transformersPIL
    /// transformers' torchvision backend and torchvision `center_crop`: the smaller half of
    /// the padding goes before the image.
    case torchvision

    func offset(_ size: Int, _ crop: Int) -> Int {
        let difference = size - crop
        if difference >= 0 { return difference / 2 }
        switch self {
        case .transformersPIL: return (difference - 1) / 2  // floor for negatives
        case .torchvision: return -((-difference) / 2)
        }
    }
}

extension FloatImage {
    /// The centred `width`×`height` window; positions outside the image are 0.
    public func centerCropped(width outWidth: Int, height outHeight: Int,
                              convention: CenterCropConvention = .transformersPIL) throws(ImageError) -> FloatImage {
        guard outWidth > 0, outHeight > 0 else { throw .invalidArgument("crop size must be positive, got \(outWidth)×\(outHeight)") }
        let out = cropWindow(pixels, width: width, height: height, channels: channels, outWidth: outWidth,
                             outHeight: outHeight, left: convention.offset(width, outWidth),
                             top: convention.offset(height, outHeight), fill: 0)
        return FloatImage(width: outWidth, height: outHeight, channels: channels, pixels: out)
    }

    /// Per-channel normalisation into a [C, H, W] tensor: (x · rescale − mean) / std, computed
    /// as transformers fuses it: (x − mean/rescale) / (std/rescale).
    public func normalizedCHW(mean: [Float], std: [Float], rescale: Double = 1.0 / 255.0) throws(ImageError) -> Tensor {
        guard mean.count == channels, std.count == channels else {
            throw .invalidArgument("normalisation needs \(channels) means and stds, got \(mean.count) and \(std.count)")
        }
        guard std.allSatisfy({ $0 != 0 }), rescale != 0 else { throw .invalidArgument("std and rescale must be non-zero") }
        let plane = width * height
        var tensor = Tensor(uninitialized: [channels, height, width])
        tensor.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                for c in 0..<channels {
                    let shift = mean[c] * Float(1.0 / rescale), divisor = std[c] * Float(1.0 / rescale)
                    for i in 0..<plane { out[c * plane + i] = (source[i * channels + c] - shift) / divisor }
                }
            }
        }
        return tensor
    }
}

extension PixelImage {
    /// See `FloatImage.centerCropped`; padding is black.
    public func centerCropped(width outWidth: Int, height outHeight: Int,
                              convention: CenterCropConvention = .transformersPIL) throws(ImageError) -> PixelImage {
        guard outWidth > 0, outHeight > 0 else { throw .invalidArgument("crop size must be positive, got \(outWidth)×\(outHeight)") }
        let out = cropWindow(pixels, width: width, height: height, channels: channels, outWidth: outWidth,
                             outHeight: outHeight, left: convention.offset(width, outWidth),
                             top: convention.offset(height, outHeight), fill: 0)
        return PixelImage(width: outWidth, height: outHeight, channels: channels, pixels: out)
    }
}

/// Copies the window whose top-left corner is (left, top) in the image; positions outside
/// the image get `fill`.
private func cropWindow<T>(_ pixels: [T], width: Int, height: Int, channels: Int, outWidth: Int, outHeight: Int,
                           left: Int, top: Int, fill: T) -> [T] {
    var out = [T](repeating: fill, count: outWidth * outHeight * channels)
    let x0 = max(0, -left), x1 = min(outWidth, width - left)
    guard x1 > x0 else { return out }
    let run = (x1 - x0) * channels
    pixels.withUnsafeBufferPointer { source in
        out.withUnsafeMutableBufferPointer { destination in
            for y in 0..<outHeight {
                let sy = y + top
                guard sy >= 0, sy < height else { continue }
                let from = (sy * width + x0 + left) * channels, to = (y * outWidth + x0) * channels
                for k in 0..<run { destination[to + k] = source[from + k] }
            }
        }
    }
    return out
}
