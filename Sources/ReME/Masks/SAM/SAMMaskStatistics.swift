/// Per-mask statistics of SAM's automatic mask generator, computed on one post-processed mask
/// (logits at the crop's size) without keeping it: the stability score
/// (`_compute_stability_score`), the bounding box of the binarised mask
/// (`_batched_mask_to_box`) and the crop-edge test (`_is_box_near_crop_edge`).
public enum SAMMaskStatistics {
    /// |mask > t + offset| / |mask > t − offset|. PyTorch gives NaN when the union is empty; this
    /// gives 0, which every threshold ≥ 0 treats the same (`NaN > t` and `0 > t` are both false).
    public static func stabilityScore(_ logits: UnsafeBufferPointer<Float>, threshold: Float, offset: Float) -> Float {
        let high = threshold + offset, low = threshold - offset
        var intersection = 0, union = 0
        for v in logits {
            if v > high { intersection += 1 }
            if v > low { union += 1 }
        }
        return union == 0 ? 0 : Float(intersection) / Float(union)
    }

    /// `[x0, y0, x1, y1]` of the pixels above `threshold` (x1, y1 inclusive); `[0, 0, 0, 0]` when
    /// none is.
    public static func box(_ logits: UnsafeBufferPointer<Float>, width: Int, height: Int, threshold: Float) -> [Int] {
        var x0 = width, y0 = height, x1 = -1, y1 = -1
        for y in 0..<height {
            let row = y * width
            var first = -1, last = -1
            for x in 0..<width where logits[row + x] > threshold {
                if first < 0 { first = x }
                last = x
            }
            guard first >= 0 else { continue }
            if y0 == height { y0 = y }
            y1 = y
            x0 = min(x0, first); x1 = max(x1, last)
        }
        return x1 < 0 ? [0, 0, 0, 0] : [x0, y0, x1, y1]
    }

    /// Whether a box (in crop coordinates) lies within 20 pixels of an edge of the crop that is
    /// not an edge of the image.
    public static func isNearCropEdge(_ box: [Int], crop: [Int], imageWidth: Int, imageHeight: Int,
                                      tolerance: Float = 20) -> Bool {
        let image = [0, 0, imageWidth, imageHeight]
        let offset = [crop[0], crop[1], crop[0], crop[1]]
        for i in 0..<4 {
            let v = Float(box[i] + offset[i])
            let nearCrop = abs(v - Float(crop[i])) <= tolerance
            let nearImage = abs(v - Float(image[i])) <= tolerance
            if nearCrop && !nearImage { return true }
        }
        return false
    }
}
