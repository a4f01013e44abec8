import ReMETensor

/// Per-channel normalisation applied to 0…1 pixels: `(x − mean) / std`.
public struct CropNormalization: Sendable, Equatable {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }

    /// OpenAI CLIP's preprocessing constants.
    public static let clip = CropNormalization(mean: [0.48145466, 0.4578275, 0.40821073],
                                               std: [0.26862954, 0.26130258, 0.27577711])
}

/// Masked bounding-box crops of segments, ready for a CLIP image tower.
///
/// For each segment: take its bounding box (made square around its centre by default, so the
/// object keeps its aspect ratio), normalise the pixels, set every pixel outside the mask — and
/// any part of the square beyond the image — to 0 *after* normalisation (the dataset mean colour,
/// as zeroing a normalised tensor does), then resize to `size × size` with antialiased bicubic
/// (PIL / torch `antialias=True` convention, a = −0.5).
public enum MaskedCrops {
    public enum Framing: Sendable {
        /// The tight bounding box stretched to a square.
        case stretch
        /// The bounding box padded to a square (zeros) around its centre.
        case square
    }

    /// `[n, 3, size, size]` for `segments` (all segments by default, in id order).
    /// Memory is `n · 3 · size² · 4` bytes (600 kB per crop at 224): batch large images by passing
    /// ranges of ids.
    public static func batch(image: PixelImage, labels: SegmentLabels, segments: [Int]? = nil, size: Int = 224,
                             normalization: CropNormalization = .clip,
                             framing: Framing = .square) throws(SegmentationError) -> Tensor {
        try validate(image: image, width: labels.width, height: labels.height, size: size, normalization: normalization)
        let ids = segments ?? Array(0..<labels.count)
        if let bad = ids.first(where: { $0 < 0 || $0 >= labels.count }) {
            throw .invalidParameter(name: "segment id", value: "\(bad)", expected: "0..<\(labels.count)")
        }
        let boxes = labels.boundingBoxes()
        return crops(image: image, cells: labels, count: ids.count, size: size, normalization: normalization) { n in
            var inside = [Bool](repeating: false, count: labels.count)
            inside[ids[n]] = true
            return (frameBox(boxes[ids[n]], framing: framing), inside)
        }
    }

    /// `[n, 3, size, size]` for overlapping masks (all masks by default, in index order): each
    /// crop keeps the pixels of the cells its mask covers.
    public static func batch(image: PixelImage, masks: OverlappingMasks, indices: [Int]? = nil, size: Int = 224,
                             normalization: CropNormalization = .clip,
                             framing: Framing = .square) throws(SegmentationError) -> Tensor {
        try validate(image: image, width: masks.width, height: masks.height, size: size, normalization: normalization)
        let ids = indices ?? Array(0..<masks.maskCount)
        if let bad = ids.first(where: { $0 < 0 || $0 >= masks.maskCount }) {
            throw .invalidParameter(name: "mask index", value: "\(bad)", expected: "0..<\(masks.maskCount)")
        }
        let boxes = masks.boundingBoxes()
        return crops(image: image, cells: masks.cells, count: ids.count, size: size, normalization: normalization) { n in
            (frameBox(boxes[ids[n]], framing: framing), masks.cellSelection(mask: ids[n]))
        }
    }

    private static func validate(image: PixelImage, width: Int, height: Int, size: Int,
                                 normalization: CropNormalization) throws(SegmentationError) {
        guard image.width == width, image.height == height else {
            throw .sizeMismatch(what: "label map", expectedWidth: image.width, expectedHeight: image.height,
                                foundWidth: width, foundHeight: height)
        }
        guard [1, 3, 4].contains(image.channels) else { throw .unsupportedChannels(image.channels) }
        guard size > 0, size <= 4096 else {
            throw .invalidParameter(name: "crop size", value: "\(size)", expected: "1…4096")
        }
        guard normalization.mean.count == 3, normalization.std.count == 3,
              normalization.std.allSatisfy({ $0 != 0 && $0.isFinite }) else {
            throw .invalidParameter(name: "normalization", value: "\(normalization)", expected: "3 means and 3 non-zero stds")
        }
    }

    /// The crops: `region(n)` gives crop `n`'s frame and which label ids of `cells` are inside.
    private static func crops(image: PixelImage, cells: SegmentLabels, count: Int, size: Int,
                              normalization: CropNormalization,
                              region: (Int) -> (frame: SegmentBox, inside: [Bool])) -> Tensor {
        let plane = size * size
        var output = Tensor(zeros: [count, 3, size, size])
        output.withUnsafeMutableBufferPointer { out in
            for n in 0..<count {
                let (frame, inside) = region(n)
                let crop = maskedCrop(image: image, cells: cells, inside: inside, frame: frame, normalization: normalization)
                // Sizes are validated (positive) by the callers, so the resize cannot fail.
                let resized = (try? FloatImage(width: frame.width, height: frame.height, channels: 3, pixels: crop)
                    .resizedLikeTorch(width: size, height: size, filter: .bicubic, antialias: true))?.pixels
                    ?? [Float](repeating: 0, count: plane * 3)
                let base = out.baseAddress! + n * 3 * plane
                for i in 0..<plane {
                    for c in 0..<3 { base[c * plane + i] = resized[i * 3 + c] }
                }
            }
        }
        return output
    }

    static func frameBox(_ box: SegmentBox, framing: Framing) -> SegmentBox {
        guard framing == .square, box.width != box.height else { return box }
        let side = max(box.width, box.height)
        let x0 = box.x0 - (side - box.width) / 2
        let y0 = box.y0 - (side - box.height) / 2
        return SegmentBox(x0: x0, y0: y0, x1: x0 + side, y1: y0 + side)
    }

    /// The frame as normalised interleaved RGB, zero outside the selected cells and outside the image.
    private static func maskedCrop(image: PixelImage, cells: SegmentLabels, inside: [Bool], frame: SegmentBox,
                                   normalization: CropNormalization) -> [Float] {
        var crop = [Float](repeating: 0, count: frame.width * frame.height * 3)
        let channels = image.channels
        let scale = (0..<3).map { 1 / (255 * normalization.std[$0]) }
        let offset = (0..<3).map { -normalization.mean[$0] / normalization.std[$0] }
        image.pixels.withUnsafeBufferPointer { pixels in
            cells.labels.withUnsafeBufferPointer { map in
                crop.withUnsafeMutableBufferPointer { dst in
                    for y in max(frame.y0, 0)..<min(frame.y1, image.height) {
                        for x in max(frame.x0, 0)..<min(frame.x1, image.width) {
                            let i = y * image.width + x
                            guard inside[Int(map[i])] else { continue }
                            let o = ((y - frame.y0) * frame.width + (x - frame.x0)) * 3
                            for c in 0..<3 {
                                let value = Float(pixels[i * channels + (channels >= 3 ? c : 0)])
                                dst[o + c] = value * scale[c] + offset[c]
                            }
                        }
                    }
                }
            }
        }
        return crop
    }
}
