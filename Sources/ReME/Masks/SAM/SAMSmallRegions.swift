import ReMEImage

/// SAM's `postprocess_small_regions` (segment_anything/automatic_mask_generator.py), which the
/// transformers pipeline does not have: in every mask, holes and then disconnected islands
/// smaller than `minArea` pixels (8-connected components, as `cv2.connectedComponentsWithStats`)
/// are removed (when every island is small, the largest stays); changed masks score 0 and
/// unchanged ones 1 in a new box NMS, so an unchanged mask wins over a changed duplicate. Kept
/// masks keep their predicted IoU and stability score; box and area follow the new mask.
public enum SAMSmallRegions {
    public static func postprocess(_ masks: [SAMGeneratedMask], minArea: Int, nmsThreshold: Float) throws -> [SAMGeneratedMask] {
        guard !masks.isEmpty else { return [] }
        var cleaned: [(mask: SAMGeneratedMask, changed: Bool, box: [Int])] = []
        for item in masks {
            let (width, height) = (item.segmentation.width, item.segmentation.height)
            var pixels = try item.segmentation.mask()
            let holes = removeSmallRegions(&pixels, width: width, height: height, minArea: minArea, holes: true)
            let islands = removeSmallRegions(&pixels, width: width, height: height, minArea: minArea, holes: false)
            let box = boxOf(pixels, width: width, height: height)
            var mask = item
            if holes || islands {
                mask.segmentation = COCOMask(mask: pixels, width: width, height: height)
                mask.bbox = SAMGeneratedMask.xywh(box)
            }
            cleaned.append((mask, holes || islands, box))
        }
        let keep = SAMBoxNMS.keep(boxes: cleaned.map { $0.box.map(Float.init) }, scores: cleaned.map { $0.changed ? 0 : 1 },
                                  threshold: nmsThreshold)
        return keep.map { cleaned[$0].mask }
    }

    /// Removes small holes (`holes`) or small islands from a row-major 0/1 mask; whether it
    /// changed.
    static func removeSmallRegions(_ mask: inout [UInt8], width: Int, height: Int, minArea: Int, holes: Bool) -> Bool {
        let target: UInt8 = holes ? 0 : 1
        var labels = [Int32](repeating: -1, count: mask.count)
        var sizes: [Int] = []
        var stack: [Int] = []
        for start in mask.indices where mask[start] == target && labels[start] < 0 {
            let label = Int32(sizes.count)
            var size = 0
            labels[start] = label
            stack.append(start)
            while let p = stack.popLast() {
                size += 1
                let (x, y) = (p % width, p / width)
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let (nx, ny) = (x + dx, y + dy)
                        guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
                        let q = ny * width + nx
                        if mask[q] == target && labels[q] < 0 {
                            labels[q] = label
                            stack.append(q)
                        }
                    }
                }
            }
            sizes.append(size)
        }
        let small = sizes.map { $0 < minArea }
        guard small.contains(true) else { return false }
        var remove = small
        if !holes && !small.contains(false), let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) {
            remove[largest] = false
        }
        for i in mask.indices where labels[i] >= 0 && remove[Int(labels[i])] { mask[i] = holes ? 1 : 0 }
        return true
    }

    /// `[x0, y0, x1, y1]` (inclusive) of a row-major 0/1 mask, `[0, 0, 0, 0]` when empty.
    static func boxOf(_ mask: [UInt8], width: Int, height: Int) -> [Int] {
        let logits = mask.map { Float($0) }
        return logits.withUnsafeBufferPointer { SAMMaskStatistics.box($0, width: width, height: height, threshold: 0.5) }
    }
}
