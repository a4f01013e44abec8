import Foundation
import ReMEImage

/// SAM's own JSON for a list of masks (`SamAutomaticMaskGenerator` with `output_mode="coco_rle"`,
/// as its `amg.py` writes it): a list of `{"segmentation": {"size": [h, w], "counts": "<compressed
/// RLE>"}, "area", "bbox": [x, y, w, h], "predicted_iou", "stability_score", "point_coords":
/// [[x, y]], "crop_box": [x, y, w, h]}`. `--masks` (`ImportedMasks`) reads it back.
public enum SAMMaskJSON {
    public static func encode(_ masks: [SAMGeneratedMask]) -> Data {
        var out = "["
        for (i, mask) in masks.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            let s = mask.segmentation
            let counts = s.compressedCounts.replacingOccurrences(of: "\\", with: "\\\\")  // `\` (92) occurs in counts
            out += "{\"segmentation\": {\"size\": [\(s.height), \(s.width)], \"counts\": \"\(counts)\"}"
            out += ", \"area\": \(mask.area), \"bbox\": \(list(mask.bbox))"
            out += ", \"predicted_iou\": \(number(mask.predictedIoU)), \"stability_score\": \(number(mask.stabilityScore))"
            out += ", \"point_coords\": [" + mask.pointCoords.map { "[" + $0.map(number).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
            out += ", \"crop_box\": \(list(mask.cropBox))}"
        }
        out += masks.isEmpty ? "]\n" : "\n]\n"
        return Data(out.utf8)
    }

    private static func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }

    private static func number(_ value: Float) -> String { value.isFinite ? "\(value)" : "null" }

    private static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
}
