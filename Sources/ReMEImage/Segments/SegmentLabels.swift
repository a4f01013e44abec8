/// A segment-id map: every pixel holds an id in `0..<count`, ids numbered in raster order of
/// their first pixel (the first pixel is always segment 0).
public struct SegmentLabels: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let count: Int
    /// Row-major ids, `width × height`.
    public let labels: [Int32]

    /// Renumbers arbitrary ids (any Int32 values) to `0..<K` in raster order of first appearance.
    public init(width: Int, height: Int, renumbering raw: [Int32]) throws(SegmentationError) {
        guard width >= 0, height >= 0, raw.count == width * height else {
            throw .invalidLabels("\(raw.count) labels for a \(width)×\(height) image")
        }
        var mapping: [Int32: Int32] = [:]
        var out = [Int32](repeating: 0, count: raw.count)
        for (i, value) in raw.enumerated() {
            if let id = mapping[value] {
                out[i] = id
            } else {
                let id = Int32(mapping.count)
                mapping[value] = id
                out[i] = id
            }
        }
        self.init(width: width, height: height, count: mapping.count, labels: out)
    }

    /// Renumbers ids already known to lie in `0..<bound` (fast path, no dictionary).
    init(width: Int, height: Int, renumberingBounded raw: UnsafeBufferPointer<Int32>, bound: Int) {
        var mapping = [Int32](repeating: -1, count: bound)
        var out = [Int32](repeating: 0, count: raw.count)
        var next: Int32 = 0
        mapping.withUnsafeMutableBufferPointer { map in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<raw.count {
                    let value = Int(raw[i])
                    precondition(value >= 0 && value < bound, "label outside its declared bound")
                    if map[value] < 0 {
                        map[value] = next
                        next += 1
                    }
                    dst[i] = map[value]
                }
            }
        }
        self.init(width: width, height: height, count: Int(next), labels: out)
    }

    init(width: Int, height: Int, count: Int, labels: [Int32]) {
        precondition(labels.count == width * height)
        self.width = width
        self.height = height
        self.count = count
        self.labels = labels
    }

    /// Pixel count of every segment.
    public func areas() -> [Int] {
        var areas = [Int](repeating: 0, count: count)
        for label in labels { areas[Int(label)] += 1 }
        return areas
    }

    /// Inclusive-exclusive bounding box of every segment.
    public func boundingBoxes() -> [SegmentBox] {
        var boxes = [SegmentBox](repeating: SegmentBox(x0: Int.max, y0: Int.max, x1: 0, y1: 0), count: count)
        labels.withUnsafeBufferPointer { src in
            for y in 0..<height {
                for x in 0..<width {
                    let k = Int(src[y * width + x])
                    if x < boxes[k].x0 { boxes[k].x0 = x }
                    if y < boxes[k].y0 { boxes[k].y0 = y }
                    if x + 1 > boxes[k].x1 { boxes[k].x1 = x + 1 }
                    if y + 1 > boxes[k].y1 { boxes[k].y1 = y + 1 }
                }
            }
        }
        return boxes
    }

    /// Nearest-neighbour resize with pixel-centre alignment (source index
    /// `⌊(i + 0.5) · in / out⌋`, PyTorch's `nearest-exact`, PIL's `NEAREST`), renumbered so
    /// ids stay contiguous if a segment disappears when shrinking.
    public func resizedNearest(width newWidth: Int, height newHeight: Int) -> SegmentLabels {
        if newWidth == width && newHeight == height { return self }
        guard newWidth > 0, newHeight > 0, width > 0, height > 0 else {
            return SegmentLabels(width: max(newWidth, 0), height: max(newHeight, 0), count: 0,
                                 labels: [Int32](repeating: 0, count: max(newWidth, 0) * max(newHeight, 0)))
        }
        let resized = NearestResize.resize(labels, width: width, height: height, toWidth: newWidth, toHeight: newHeight)
        return resized.withUnsafeBufferPointer {
            SegmentLabels(width: newWidth, height: newHeight, renumberingBounded: $0, bound: count)
        }
    }
}

/// A segment's bounding box: columns `x0..<x1`, rows `y0..<y1`.
public struct SegmentBox: Sendable, Equatable {
    public var x0: Int
    public var y0: Int
    public var x1: Int
    public var y1: Int
    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
}
