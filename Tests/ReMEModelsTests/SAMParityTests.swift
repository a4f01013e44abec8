import Foundation
import ReMEModels
import ReMETensor
import Testing

/// The tiny random SAM checkpoint (`Tests/Fixtures/sam/tiny`, 1024-pixel geometry, small widths)
/// against transformers 5.24's `SamModel` (`scripts/make_sam_fixtures.py`): image embeddings,
/// and low-resolution masks and IoU scores for points, labels, boxes, a mask input and multimask
/// on and off.
struct SAMParityTests {
    static let folder = Fixtures.root.appendingPathComponent("sam/tiny")
    static let promptSets = 7

    static func reference() throws -> SafetensorsFile {
        try SafetensorsFile.fixture(folder.appendingPathComponent("reference.safetensors"))
    }

    /// The fixture's `pixel_values`: the stored [3, 128, 128] tile repeated 8× along both axes.
    static func pixels(_ refs: SafetensorsFile) throws -> Tensor {
        let tile = try refs["pixel_tile"].scalars
        return Tensor(uninitialized: [3, 1024, 1024]) { out in
            for c in 0..<3 {
                for y in 0..<1024 {
                    for x in 0..<1024 { out[(c * 1024 + y) * 1024 + x] = tile[(c * 128 + y / 8) * 128 + x / 8] }
                }
            }
        }
    }

    static func prompts(_ refs: SafetensorsFile, set i: Int) throws -> SAMPromptBatch {
        func optional(_ name: String) throws -> Tensor? {
            refs.names.contains("set\(i).\(name)") ? try refs["set\(i).\(name)"] : nil
        }
        let mask = try optional("mask_input").map { try $0.reshaped([1, 256, 256]) }
        return SAMPromptBatch(points: try optional("points"), labels: try optional("labels"), boxes: try optional("boxes"), masks: mask)
    }

    /// Rows 1::4 and columns 3::4 of each [256, 256] mask, as the fixture stores them.
    static func subsampled(_ masks: Tensor) -> Tensor {
        let planes = masks.count / (256 * 256), m = masks.scalars
        return Tensor(uninitialized: Array(masks.shape.dropLast(2)) + [64, 64]) { out in
            for p in 0..<planes {
                for y in 0..<64 {
                    for x in 0..<64 { out[(p * 64 + y) * 64 + x] = m[(p * 256 + 4 * y + 1) * 256 + 4 * x + 3] }
                }
            }
        }
    }

    static func sums(_ masks: Tensor) -> [Double] {
        let m = masks.scalars, planes = m.count / (256 * 256)
        return (0..<planes).map { p in m[(p * 65536)..<((p + 1) * 65536)].reduce(0.0) { $0 + Double($1) } }
    }

    @Test func imageEmbeddingsMatchTransformers() throws {
        let model = try SAMModel.load(Self.folder)
        let refs = try Self.reference()
        let embeddings = try model.imageEmbeddings(pixelValues: try Self.pixels(refs))
        let expected = try refs["image_embeddings"]
        #expect(embeddings.shape == [32, 64, 64])
        let error = maxAbsDifference(embeddings, expected)
        #expect(error <= 1e-4, "image embeddings: max abs error \(error)")
    }

    @Test(arguments: 0..<promptSets)
    func masksMatchTransformers(set i: Int) throws {
        let model = try SAMModel.load(Self.folder)
        let refs = try Self.reference()
        let multimask = try refs["set\(i).multimask"].scalars == [1]
        let prediction = try model.decodeMasks(imageEmbeddings: try refs["image_embeddings"],
                                               prompts: try Self.prompts(refs, set: i), multimaskOutput: multimask)
        let iou = try refs["set\(i).iou_scores"]
        #expect(prediction.iouScores.shape == iou.shape)
        #expect(prediction.lowResolutionMasks.shape == [iou.shape[0], multimask ? 3 : 1, 256, 256])
        let iouError = maxAbsDifference(prediction.iouScores, iou)
        #expect(iouError <= 1e-4, "set \(i): IoU max abs error \(iouError)")
        let maskError = maxAbsDifference(Self.subsampled(prediction.lowResolutionMasks), try refs["set\(i).masks_sub"])
        #expect(maskError <= 1e-4, "set \(i): mask max abs error \(maskError)")
        for (got, want) in zip(Self.sums(prediction.lowResolutionMasks), try refs["set\(i).mask_sums"].scalars) {
            #expect(abs(got - Double(want)) <= 1e-6 * 65536 * max(1, abs(Double(want)) / 65536) + 1e-3,
                    "set \(i): mask sum \(got), expected \(want)")
        }
        if refs.names.contains("set\(i).masks") {
            let full = maxAbsDifference(prediction.lowResolutionMasks, try refs["set\(i).masks"])
            #expect(full <= 1e-4, "set \(i): full mask max abs error \(full)")
        }
    }

    @Test func promptsDecodeAloneAsInABatch() throws {
        // Chunking and batching must not mix prompts: each prompt of a batch of 20 (more than one
        // chunk) equals that prompt decoded alone.
        let model = try SAMModel.load(Self.folder)
        let refs = try Self.reference()
        let embeddings = try refs["image_embeddings"]
        let points = try Tensor(shape: [20, 1, 2], data: (0..<20).flatMap { [Float($0 * 50), Float(1000 - $0 * 37)] })
        let labels = try Tensor(shape: [20, 1], data: (0..<20).map { Float($0 % 2) })
        let batch = try model.decodeMasks(imageEmbeddings: embeddings, prompts: SAMPromptBatch(points: points, labels: labels),
                                          multimaskOutput: true)
        for i in [0, 7, 19] {
            let alone = try model.decodeMasks(
                imageEmbeddings: embeddings,
                prompts: SAMPromptBatch(points: points.rows(i..<i + 1), labels: labels.rows(i..<i + 1)), multimaskOutput: true)
            #expect(maxAbsDifference(alone.lowResolutionMasks, batch.lowResolutionMasks.rows(i..<i + 1)) <= 1e-5)
            #expect(maxAbsDifference(alone.iouScores, batch.iouScores.rows(i..<i + 1)) <= 1e-6)
        }
    }

    @Test func skippingLowIoUPromptsLeavesTheOthersExact() throws {
        // The automatic generator's shortcut: prompts whose every score is at or below the
        // threshold are not upscaled (zero masks); every other prompt is exactly as before.
        let model = try SAMModel.load(Self.folder)
        let embeddings = try Self.reference()["image_embeddings"]
        let points = try Tensor(shape: [20, 1, 2], data: (0..<20).flatMap { [Float($0 * 50), Float(1000 - $0 * 37)] })
        let prompts = SAMPromptBatch(points: points, labels: Tensor(shape: [20, 1], repeating: 1))
        let full = try model.decodeMasks(imageEmbeddings: embeddings, prompts: prompts, multimaskOutput: true)
        let best = (0..<20).map { b in full.iouScores.rows(b..<b + 1).scalars.max() ?? 0 }
        let threshold = best.sorted()[10]
        let skipped = try model.decodeMasks(imageEmbeddings: embeddings, prompts: prompts, multimaskOutput: true,
                                            skippingMasksAtOrBelowIoU: threshold)
        #expect(maxAbsDifference(full.iouScores, skipped.iouScores) == 0)
        var kept = 0
        for b in 0..<20 {
            let masks = skipped.lowResolutionMasks.rows(b..<b + 1)
            if best[b] > threshold {
                kept += 1
                #expect(maxAbsDifference(masks, full.lowResolutionMasks.rows(b..<b + 1)) == 0)
            } else {
                #expect(masks.scalars.allSatisfy { $0 == 0 })
            }
        }
        #expect(kept > 0 && kept < 20)
    }

    @Test func aMaskPerPromptEqualsTheSharedMask() throws {
        let model = try SAMModel.load(Self.folder)
        let refs = try Self.reference()
        var prompts = try Self.prompts(refs, set: 6)
        let shared = try #require(prompts.masks)
        prompts.masks = try Tensor.concatenate([shared, shared])
        let prediction = try model.decodeMasks(imageEmbeddings: try refs["image_embeddings"], prompts: prompts, multimaskOutput: true)
        #expect(maxAbsDifference(Self.subsampled(prediction.lowResolutionMasks), try refs["set6.masks_sub"]) <= 1e-4)
        #expect(maxAbsDifference(prediction.iouScores, try refs["set6.iou_scores"]) <= 1e-4)
    }

    @Test func promptShapesAreChecked() throws {
        let model = try SAMModel.load(Self.folder)
        let embeddings = try Self.reference()["image_embeddings"]
        let points = Tensor(zeros: [2, 1, 2])
        #expect(throws: ModelError.self) {
            try model.decodeMasks(imageEmbeddings: embeddings, prompts: SAMPromptBatch(points: points, labels: Tensor(zeros: [2, 3])),
                                  multimaskOutput: true)
        }
        #expect(throws: ModelError.self) {
            try model.decodeMasks(imageEmbeddings: embeddings, prompts: SAMPromptBatch(points: points, boxes: Tensor(zeros: [3, 4])),
                                  multimaskOutput: true)
        }
        #expect(throws: ModelError.self) {
            try model.decodeMasks(imageEmbeddings: Tensor(zeros: [32, 32, 32]), prompts: SAMPromptBatch(points: points),
                                  multimaskOutput: true)
        }
        #expect(throws: ModelError.self) {
            try model.decodeMasks(imageEmbeddings: embeddings, prompts: SAMPromptBatch(points: points, masks: Tensor(zeros: [3, 256, 256])),
                                  multimaskOutput: true)
        }
        #expect(throws: ModelError.self) {
            try model.decodeMasks(imageEmbeddings: embeddings, prompts: SAMPromptBatch(boxes: Tensor(shape: [1, 4], repeating: .nan)),
                                  multimaskOutput: true)
        }
        #expect(throws: ModelError.self) { try model.imageEmbeddings(pixelValues: Tensor(zeros: [3, 512, 512])) }
    }
}
