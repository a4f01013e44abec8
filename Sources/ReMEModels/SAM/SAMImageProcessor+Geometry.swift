import ReMEImage

/// Where an image sits in SAM's input frame: its original size, the size it is resized to
/// (longest side = `longestEdge`) and the padded square the model sees. Maps prompts from the
/// original image into the input frame (transformers' `_normalize_coordinates`).
public struct SAMImageGeometry: Sendable, Equatable {
    public let originalWidth: Int
    public let originalHeight: Int
    public let reshapedWidth: Int
    public let reshapedHeight: Int
    public let padSize: Int

    public init(originalWidth: Int, originalHeight: Int, longestEdge: Int = 1024, padSize: Int = 1024) throws(ImageError) {
        guard originalWidth > 0, originalHeight > 0 else {
            throw .invalidArgument("SAM needs a non-empty image, got \(originalWidth)×\(originalHeight)")
        }
        guard longestEdge > 0, padSize >= longestEdge else {
            throw .invalidArgument("SAM's longest edge \(longestEdge) must be positive and fit the padded size \(padSize)")
        }
        let size = Self.reshapedSize(width: originalWidth, height: originalHeight, longestEdge: longestEdge)
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.reshapedWidth = size.width
        self.reshapedHeight = size.height
        self.padSize = padSize
    }

    /// `_get_preprocess_shape`: scale = longest / max(h, w) in double precision, each side
    /// `int(side · scale + 0.5)`.
    public static func reshapedSize(width: Int, height: Int, longestEdge: Int) -> (width: Int, height: Int) {
        let scale = Double(longestEdge) / Double(max(width, height))
        return (max(1, Int(Double(width) * scale + 0.5)), max(1, Int(Double(height) * scale + 0.5)))
    }

    /// The factors `_normalize_coordinates` multiplies float32 coordinates by (computed in
    /// double precision, applied in float32 as PyTorch applies a Python scalar).
    public var inputScale: (x: Float, y: Float) {
        (Float(Double(reshapedWidth) / Double(originalWidth)), Float(Double(reshapedHeight) / Double(originalHeight)))
    }

    /// A point of the original image in the input frame.
    public func inputPoint(x: Float, y: Float) -> (x: Float, y: Float) {
        let scale = inputScale
        return (x * scale.x, y * scale.y)
    }

    /// A box `[x0, y0, x1, y1]` of the original image in the input frame.
    public func inputBox(_ box: [Float]) -> [Float] {
        let scale = inputScale
        return box.enumerated().map { i, v in v * (i % 2 == 0 ? scale.x : scale.y) }
    }
}
