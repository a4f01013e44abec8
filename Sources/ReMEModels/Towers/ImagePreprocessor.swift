import Foundation
import ReMEImage
import ReMETensor

/// Turns decoded images into normalised `pixel_values` as a folder's preprocessor would:
/// resize (short side, PIL bicubic on 8-bit RGB), centre crop, rescale by 1/255, normalise.
public struct ImagePreprocessor: Sendable {
    public var config: PreprocessorConfig

    /// The resize step, a swap point: PIL's 8-bit bicubic / bilinear by default (what
    /// transformers' PIL backend does and, within one 8-bit level, its torchvision backend).
    public var resize: @Sendable (PixelImage, _ width: Int, _ height: Int, _ filter: ResizeFilter) throws(ImageError) -> PixelImage

    public init(config: PreprocessorConfig) {
        self.config = config
        self.resize = { image, width, height, filter throws(ImageError) in
            try image.resizedLikePIL(width: width, height: height, filter: filter)
        }
    }

    /// Reads `preprocessor_config.json` from a folder (transformers' defaults when it is absent).
    public static func load(_ folder: ModelFolder) throws(ModelError) -> ImagePreprocessor {
        let url = folder.file("preprocessor_config.json")
        let data = FileManager.default.fileExists(atPath: url.path) ? try folder.data("preprocessor_config.json") : Data("{}".utf8)
        return ImagePreprocessor(config: try PreprocessorConfig.parse(data, file: url.path))
    }

    /// Output size of the shortest-edge resize: short side `n`, long side ⌊n · long / short⌋
    /// (transformers' `get_resize_output_image_size(default_to_square=False)`).
    public static func shortestEdgeSize(_ n: Int, width: Int, height: Int) -> (width: Int, height: Int) {
        let short = min(width, height), long = max(width, height)
        let newLong = Int(Double(n) * Double(long) / Double(short))
        return width <= height ? (n, newLong) : (newLong, n)
    }

    /// Output size of the dense-feature mode: the short side becomes `n` and both sides are then
    /// rounded to the nearest multiple of `patch` (at least one patch), so the aspect ratio
    /// changes by less than half a patch per side.
    public static func denseSize(shortSide n: Int, patch: Int, width: Int, height: Int) -> (width: Int, height: Int) {
        let short = Double(min(width, height)), scale = Double(n) / short
        func snap(_ v: Double) -> Int { max(patch, Int((v / Double(patch)).rounded()) * patch) }
        return (snap(Double(width) * scale), snap(Double(height) * scale))
    }

    var filter: ResizeFilter { config.resample == 2 ? .bilinear : .bicubic }

    /// `pixel_values` [3, H, W] following the config (resize, crop, rescale, normalise).
    public func callAsFunction(_ image: PixelImage) throws(ModelError) -> Tensor {
        var rgb = try Self.rgb(image)
        if config.doResize {
            let target: (width: Int, height: Int)
            switch config.size {
            case let .shortestEdge(n): target = Self.shortestEdgeSize(n, width: rgb.width, height: rgb.height)
            case let .exact(h, w): target = (w, h)
            }
            rgb = try resized(rgb, target.width, target.height)
        }
        if config.doCenterCrop { rgb = Self.centerCrop(rgb, width: config.cropWidth, height: config.cropHeight) }
        return normalized(rgb)
    }

    /// Dense-feature mode: no crop, short side resized to `shortSide` with both sides rounded to
    /// multiples of `patch` (see `denseSize`), then rescaled and normalised.
    public func dense(_ image: PixelImage, shortSide: Int, patch: Int) throws(ModelError) -> Tensor {
        let rgb = try Self.rgb(image)
        let size = Self.denseSize(shortSide: shortSide, patch: patch, width: rgb.width, height: rgb.height)
        return normalized(try resized(rgb, size.width, size.height))
    }

    private func resized(_ image: PixelImage, _ width: Int, _ height: Int) throws(ModelError) -> PixelImage {
        if width == image.width, height == image.height { return image }
        do { return try resize(image, width, height, filter) } catch {
            throw .invalidInput("cannot resize a \(image.width)×\(image.height) image to \(width)×\(height): \(error)")
        }
    }

    static func rgb(_ image: PixelImage) throws(ModelError) -> PixelImage {
        guard image.width > 0, image.height > 0 else { throw .invalidInput("empty \(image.width)×\(image.height) image") }
        return image.channels == 3 ? image : image.converted(to: .rgb)
    }

    /// The centred window, offset ⌊(W − w)/2⌋; a smaller image is zero-padded (⌊·/2⌋ before).
    static func centerCrop(_ image: PixelImage, width: Int, height: Int) -> PixelImage {
        if width == image.width, height == image.height { return image }
        let top = (image.height - height) / 2, left = (image.width - width) / 2
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let sy = y + top
            guard sy >= 0, sy < image.height else { continue }
            for x in 0..<width {
                let sx = x + left
                guard sx >= 0, sx < image.width else { continue }
                for c in 0..<3 { out[(y * width + x) * 3 + c] = image.pixels[(sy * image.width + sx) * 3 + c] }
            }
        }
        return PixelImage(width: width, height: height, channels: 3, pixels: out)
    }

    /// HWC bytes → CHW floats `(v · rescale − mean) / std`.
    func normalized(_ image: PixelImage) -> Tensor {
        let plane = image.width * image.height
        let scale = Float(config.doRescale ? config.rescaleFactor : 1)
        return image.pixels.withUnsafeBufferPointer { p in
            Tensor(uninitialized: [3, image.height, image.width]) { o in
                for c in 0..<3 {
                    let mean = config.doNormalize ? config.imageMean[c] : 0
                    let std = config.doNormalize ? config.imageStd[c] : 1
                    for i in 0..<plane { o[c * plane + i] = (Float(p[i * 3 + c]) * scale - mean) / std }
                }
            }
        }
    }
}
