import Foundation
import ReME
import ReMETestSupport
import Testing

/// A mask "model" with a formula decoder, mirrored by `formula_decoder` in
/// scripts/make_sam_amg_fixtures.py: for each point (input frame) three squares of half-sides
/// 48, 160, 400 around it, logits (r − d) / 2 with d the Chebyshev distance from the point to
/// each low-resolution cell centre (4·i + 2), scores 0.8, 0.9, 0.95 + (0.37·x + y)·1e-5.
struct SAMFormulaModel: PromptableMaskModel {
    func imageEmbeddings(pixelValues: Tensor) throws -> Tensor { Tensor(zeros: [1]) }

    func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool) throws -> DecodedMasks {
        let points = (prompts.points ?? []).compactMap(\.first)
        let radii: [Float] = [48, 160, 400], base: [Float] = [0.8, 0.9, 0.95]
        let coords = (0..<256).map { Float($0) * 4 + 2 }
        var masks = [Float](repeating: 0, count: points.count * 3 * 256 * 256), scores: [Float] = []
        masks.withUnsafeMutableBufferPointer { out in
            var i = 0
            for p in points {
                let dx = coords.map { abs($0 - p.x) }
                for r in radii {
                    for y in coords {
                        let dy = abs(y - p.y)
                        for d in dx {
                            out[i] = (r - max(d, dy)) / 2
                            i += 1
                        }
                    }
                }
            }
        }
        for p in points {
            for k in 0..<3 { scores.append(base[k] + (p.x * Float(0.37) + p.y) * Float(1e-5)) }
        }
        return DecodedMasks(lowResolutionMasks: try Tensor(shape: [points.count, 3, 256, 256], data: masks),
                            iouScores: try Tensor(shape: [points.count, 3], data: scores))
    }
}

/// The photos the SAM fixtures use: labelme-examples' 2011_000003.jpg ("small", 500×338) and
/// three copies side by side ("wide", 1500×338).
enum SAMFixturePhotos {
    static let photo = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages/2011_000003.jpg"

    static func image(_ name: String) throws -> PixelImage {
        let small = try PixelImage(contentsOfFile: photo)
        guard name == "wide" else { return small }
        return PixelImage(width: small.width * 3, height: small.height, channels: 3,
                          pixels: sideBySide(small.pixels, width: small.width, height: small.height, channels: 3, times: 3))
    }
}

/// One run of transformers' mask-generation pipeline (formula_amg.json, model_amg.json).
struct SAMPipelineRun: Decodable {
    struct Settings: Decodable {
        var image: String
        var points_per_batch: Int, points_per_crop: Int
        var pred_iou_thresh: Float?, stability_score_thresh: Float?
        var crops_n_layers: Int?, crops_nms_thresh: Float?

        var generator: SAMMaskGenerationSettings {
            var s = SAMMaskGenerationSettings()
            s.pointsPerSide = points_per_crop
            s.pointsPerBatch = points_per_batch
            s.predIoUThresh = pred_iou_thresh ?? 0.88
            s.stabilityScoreThresh = stability_score_thresh ?? 0.95
            s.cropNLayers = crops_n_layers ?? 0
            s.boxNMSThresh = crops_nms_thresh ?? 0.7
            return s
        }
    }
    struct Mask: Decodable {
        var counts: String, size: [Int], score: Float, box_xyxy: [Int]
    }
    var settings: Settings
    var masks: [Mask]

    static func load(_ file: String) throws -> [SAMPipelineRun] {
        try JSONDecoder().decode([SAMPipelineRun].self, from: Data(contentsOf: fixtureURL("sam/amg/\(file)")))
    }
}

/// Compares generated masks with the pipeline's: same count, each in the same place with IoU ≥
/// `minIoU`, scores within 1e-4, boxes equal. Returns the smallest IoU and largest score gap.
func compareWithPipeline(_ masks: [SAMGeneratedMask], _ expected: [SAMPipelineRun.Mask],
                         minIoU: Double = 0.99) throws -> (iou: Double, score: Float) {
    #expect(masks.count == expected.count)
    var worstIoU = 1.0, worstScore: Float = 0
    for (mine, theirs) in zip(masks, expected) {
        let (w, h) = (theirs.size[1], theirs.size[0])
        let reference = try COCOMask(compressed: theirs.counts, width: w, height: h).mask()
        let ours = try mine.segmentation.mask()
        var intersection = 0, union = 0
        for (a, b) in zip(ours, reference) {
            if a != 0 && b != 0 { intersection += 1 }
            if a != 0 || b != 0 { union += 1 }
        }
        let iou = union == 0 ? 1 : Double(intersection) / Double(union)
        worstIoU = min(worstIoU, iou)
        worstScore = max(worstScore, abs(mine.predictedIoU - theirs.score))
        let box = [mine.bbox[0], mine.bbox[1], mine.bbox[0] + mine.bbox[2], mine.bbox[1] + mine.bbox[3]]
        #expect(box == theirs.box_xyxy)
    }
    #expect(worstIoU >= minIoU)
    #expect(worstScore <= 1e-4)
    return (worstIoU, worstScore)
}
