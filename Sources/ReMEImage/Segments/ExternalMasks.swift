import Foundation

/// Segments from an external segmenter (SAM's automatic mask generator, COCO annotations) or
/// from a label-map array, turned into the same `SegmentLabels` the pipeline uses.
///
/// Overlaps: masks are painted largest first, so a smaller mask lying on a larger one stays
/// visible (SAM's part masks on top of whole-object masks). A mask entirely covered by smaller
/// ones disappears. Pixels no mask covers are grouped into 4-connected components, each its own
/// segment. Ids are then renumbered in raster order.
public enum ExternalMasks {
    /// Reads a JSON array of `{"segmentation": {"size": [h, w], "counts": …}, …}` (SAM's
    /// `coco_rle` output) or a COCO object with such an `"annotations"` array. `counts` is a
    /// compressed RLE string or an array of run lengths; polygons are not supported.
    public static func labels(fromMaskJSON data: Data, width: Int, height: Int) throws(SegmentationError) -> SegmentLabels {
        try labels(fromMasks: masks(fromMaskJSON: data, width: width, height: height), width: width, height: height)
    }

    /// The masks of such a document as row-major 0/1 masks of `width × height`, in file order.
    public static func masks(fromMaskJSON data: Data, width: Int, height: Int) throws(SegmentationError) -> [[UInt8]] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .malformedMaskFile("not JSON: \(error.localizedDescription)")
        }
        let entries: [Any]
        if let list = root as? [Any] {
            entries = list
        } else if let object = root as? [String: Any], let list = object["annotations"] as? [Any] {
            entries = list
        } else {
            throw .malformedMaskFile("expected a JSON array of masks or an object with \"annotations\"")
        }
        var masks: [[UInt8]] = []
        for (index, entry) in entries.enumerated() {
            masks.append(try mask(fromEntry: entry, index: index, width: width, height: height))
        }
        return masks
    }

    private static func mask(fromEntry entry: Any, index: Int, width: Int, height: Int) throws(SegmentationError) -> [UInt8] {
        guard let object = entry as? [String: Any], let segmentation = object["segmentation"] else {
            throw .malformedMaskFile("mask \(index) has no \"segmentation\"")
        }
        guard let rle = segmentation as? [String: Any] else {
            throw .malformedMaskFile("mask \(index): only RLE segmentations are supported (found polygons)")
        }
        guard let size = rle["size"] as? [Any], size.count == 2,
              let h = (size[0] as? NSNumber)?.intValue, let w = (size[1] as? NSNumber)?.intValue else {
            throw .malformedMaskFile("mask \(index): \"size\" must be [height, width]")
        }
        guard w == width, h == height else {
            throw .sizeMismatch(what: "mask \(index)", expectedWidth: width, expectedHeight: height,
                                foundWidth: w, foundHeight: h)
        }
        let runs: [Int]
        if let text = rle["counts"] as? String {
            runs = try COCORLE.runs(fromCompressed: text, index: index)
        } else if let numbers = rle["counts"] as? [Any] {
            var values: [Int] = []
            values.reserveCapacity(numbers.count)
            for number in numbers {
                guard let n = number as? NSNumber, Double(n.intValue) == n.doubleValue else {
                    throw .malformedRLE(index: index, reason: "counts must be integers")
                }
                values.append(n.intValue)
            }
            runs = values
        } else {
            throw .malformedRLE(index: index, reason: "\"counts\" must be a string or an array of integers")
        }
        return try COCORLE.mask(runs: runs, width: width, height: height, index: index)
    }

    /// Combines row-major 0/1 masks of `width × height` by the overlap rule above.
    public static func labels(fromMasks masks: [[UInt8]], width: Int, height: Int) throws(SegmentationError) -> SegmentLabels {
        guard width > 0, height > 0 else { throw .emptyImage(width: width, height: height) }
        let n = width * height
        for (i, mask) in masks.enumerated() where mask.count != n {
            throw .invalidLabels("mask \(i) has \(mask.count) pixels, expected \(width)×\(height)")
        }
        let areas = masks.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
        let order = masks.indices.sorted { areas[$0] != areas[$1] ? areas[$0] > areas[$1] : $0 < $1 }
        var raw = [Int32](repeating: -1, count: n)
        for k in order {
            masks[k].withUnsafeBufferPointer { mask in
                for i in 0..<n where mask[i] != 0 { raw[i] = Int32(k) }
            }
        }
        return try withUncoveredComponents(raw, width: width, height: height, firstFreeId: Int32(masks.count))
    }

    /// A label map (any values, e.g. a decoded 16-bit PNG); pixels equal to `unlabeled`, if given,
    /// count as uncovered.
    public static func labels(fromLabelMap values: [Int32], width: Int, height: Int,
                              unlabeled: Int32? = nil) throws(SegmentationError) -> SegmentLabels {
        guard width > 0, height > 0 else { throw .emptyImage(width: width, height: height) }
        guard values.count == width * height else {
            throw .invalidLabels("\(values.count) labels for a \(width)×\(height) image")
        }
        guard let unlabeled else { return try SegmentLabels(width: width, height: height, renumbering: values) }
        // Shift real ids to ≥ 0 and mark uncovered as −1 without colliding with other values.
        var used = Set(values)
        used.remove(unlabeled)
        var mapping: [Int32: Int32] = [:]
        for (i, v) in used.sorted().enumerated() { mapping[v] = Int32(i) }
        let raw = values.map { $0 == unlabeled ? -1 : mapping[$0] ?? -1 }
        return try withUncoveredComponents(raw, width: width, height: height, firstFreeId: Int32(used.count))
    }

    public static func labels(fromLabelMap values: [UInt16], width: Int, height: Int,
                              unlabeled: UInt16? = nil) throws(SegmentationError) -> SegmentLabels {
        try labels(fromLabelMap: values.map { Int32($0) }, width: width, height: height,
                   unlabeled: unlabeled.map { Int32($0) })
    }

    /// Gives every 4-connected component of `−1` pixels a fresh id, then renumbers.
    static func withUncoveredComponents(_ input: [Int32], width: Int, height: Int,
                                        firstFreeId: Int32) throws(SegmentationError) -> SegmentLabels {
        var raw = input
        var next = firstFreeId
        UncoveredRegions.label(&raw, width: width) {
            defer { next += 1 }
            return next
        }
        return try SegmentLabels(width: width, height: height, renumbering: raw)
    }
}
