/// Non-maximum suppression over boxes `[x0, y0, x1, y1]`, torchvision's `nms`: boxes in order
/// of descending score (ties in input order), each dropping the later ones whose IoU with it
/// exceeds `threshold`; areas are (x1 − x0)·(y1 − y0) in float32. Returns the kept indices in
/// score order.
public enum SAMBoxNMS {
    public static func keep(boxes: [[Float]], scores: [Float], threshold: Float) -> [Int] {
        precondition(boxes.count == scores.count)
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var suppressed = [Bool](repeating: false, count: boxes.count)
        var kept: [Int] = []
        let areas = boxes.map { ($0[2] - $0[0]) * ($0[3] - $0[1]) }
        for (position, i) in order.enumerated() where !suppressed[i] {
            kept.append(i)
            let a = boxes[i]
            for j in order[(position + 1)...] where !suppressed[j] {
                let b = boxes[j]
                let w = max(0, min(a[2], b[2]) - max(a[0], b[0]))
                let h = max(0, min(a[3], b[3]) - max(a[1], b[1]))
                let intersection = w * h
                let iou = intersection / (areas[i] + areas[j] - intersection)
                if iou > threshold { suppressed[j] = true }
            }
        }
        return kept
    }
}
