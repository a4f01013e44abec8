/// One binary mask in COCO's uncompressed RLE (`{"size": [h, w], "counts": [...]}`): column-major
/// runs alternating background / foreground, starting with background (so a mask whose first
/// pixel is set starts with a 0 run). `compressedCounts` is pycocotools' string form.
public struct COCOMask: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let runs: [Int]

    public init(width: Int, height: Int, runs: [Int]) {
        self.width = width
        self.height = height
        self.runs = runs
    }

    /// Encodes a row-major mask (non-zero = foreground).
    public init(mask: [UInt8], width: Int, height: Int) {
        precondition(mask.count == width * height, "mask size does not match \(width)×\(height)")
        self.init(width: width, height: height, runs: COCORLE.runs(ofMask: mask, width: width, height: height))
    }

    /// Decodes pycocotools' compressed string for a `width × height` mask.
    public init(compressed counts: String, width: Int, height: Int, index: Int = 0) throws(SegmentationError) {
        let runs = try COCORLE.runs(fromCompressed: counts, index: index)
        _ = try COCORLE.mask(runs: runs, width: width, height: height, index: index)
        self.init(width: width, height: height, runs: runs)
    }

    /// pycocotools' compressed `counts` string.
    public var compressedCounts: String { COCORLE.compressed(runs: runs) }

    /// Foreground pixel count (pycocotools' `area`).
    public var area: Int { stride(from: 1, to: runs.count, by: 2).reduce(0) { $0 + runs[$1] } }

    /// The row-major 0/1 mask.
    public func mask() throws(SegmentationError) -> [UInt8] {
        try COCORLE.mask(runs: runs, width: width, height: height)
    }
}

/// Builds column-major runs pixel by pixel or in blocks of equal pixels.
public struct COCORunBuilder: Sendable {
    public private(set) var runs: [Int] = []
    private var current = false, length = 0

    public init() {}

    /// Appends `count` pixels of one value.
    public mutating func append(_ foreground: Bool, count: Int) {
        guard count > 0 else { return }
        if foreground == current {
            length += count
        } else {
            runs.append(length)
            current = foreground
            length = count
        }
    }

    /// The runs so far, ending with the open run.
    public func finished() -> [Int] { runs + [length] }
}
