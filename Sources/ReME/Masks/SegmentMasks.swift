import ReMETensor

/// The class-agnostic masks of one image.
///
/// A superpixel segmenter yields a label map (each pixel in exactly one segment); SAM yields
/// possibly overlapping binary masks (`OverlappingMasks`); soft weights are accepted for
/// prediction only.
public struct SegmentMasks: Sendable {
    public enum Storage: Sendable {
        /// Segment id per pixel, row-major, ids in `0..<count`.
        case labelMap([Int32])
        /// `[count, height·width]` mask weights (binary or soft), row-major.
        case weights(Tensor)
        /// Binary masks that may overlap (SAM), as cells and per-mask cell lists.
        case overlapping(OverlappingMasks)
    }

    public let width: Int
    public let height: Int
    public let count: Int
    public let storage: Storage

    public var pixelCount: Int { width * height }

    /// Masks from a label map; `count` is one more than the largest id.
    public init(width: Int, height: Int, labels: [Int32]) throws(MethodError) {
        guard width > 0, height > 0, labels.count == width * height else {
            throw .invalidMasks("label map holds \(labels.count) ids for a \(width)×\(height) image")
        }
        var maxID: Int32 = -1
        for l in labels {
            guard l >= 0 else { throw .invalidMasks("label map holds a negative segment id \(l)") }
            maxID = max(maxID, l)
        }
        self.width = width
        self.height = height
        self.count = Int(maxID) + 1
        self.storage = .labelMap(labels)
    }

    /// Masks from a `[K, height, width]` or `[K, height·width]` weight tensor.
    public init(width: Int, height: Int, weights: Tensor) throws(MethodError) {
        guard width > 0, height > 0, weights.rank >= 2, weights.count == weights.shape[0] * width * height else {
            throw .invalidMasks("mask tensor of shape \(weights.shape) does not match a \(width)×\(height) image")
        }
        self.width = width
        self.height = height
        self.count = weights.shape[0]
        do {
            self.storage = .weights(try weights.reshaped([weights.shape[0], width * height]))
        } catch {
            throw .invalidMasks("mask tensor of shape \(weights.shape): \(error)")
        }
    }

    /// Possibly overlapping binary masks; `count` includes the components of uncovered pixels.
    public init(_ masks: OverlappingMasks) {
        self.width = masks.width
        self.height = masks.height
        self.count = masks.maskCount
        self.storage = .overlapping(masks)
    }
}
