import Foundation
import ReMEModels
import ReMETensor
import Testing

/// SAM checkpoints as users have them (F16 / BF16, sharded), the key checks shared with the
/// other towers, and folders of the wrong kind refused with a message naming what they are.
struct SAMLoadingTests {
    static let folder = SAMParityTests.folder

    static func weights() throws -> SafetensorsFile {
        try SafetensorsFile.fixture(folder.appendingPathComponent("model.safetensors"))
    }

    static func config() throws -> SAMConfig {
        try SAMConfig.parse(try loadConfigData(folder))
    }

    static func load(_ weights: any WeightSource) throws -> SAMModel {
        let loader = WeightLoader(weights)
        let model = try SAMModel(config: try config(), weights: loader)
        try loader.finish()
        return model
    }

    /// A copy of the tiny checkpoint with every tensor stored as `storage`, in `shards` files.
    static func convertedFolder(_ storage: SafetensorsWriter.FloatStorage, shards: Int) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-sam-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("config.json"), to: url.appendingPathComponent("config.json"))
        let source = try weights()
        var writers = [SafetensorsWriter](repeating: SafetensorsWriter(), count: shards)
        var map = [String: String]()
        for (i, name) in source.names.sorted().enumerated() {
            try writers[i % shards].add(name, try source.tensor(name), as: storage)
            map[name] = "model-\(i % shards + 1)-of-\(shards).safetensors"
        }
        if shards == 1 {
            try writers[0].write(to: url.appendingPathComponent("model.safetensors").path)
        } else {
            for (i, writer) in writers.enumerated() {
                try writer.write(to: url.appendingPathComponent("model-\(i + 1)-of-\(shards).safetensors").path)
            }
            let index = try JSONSerialization.data(withJSONObject: ["metadata": [:], "weight_map": map])
            try index.write(to: url.appendingPathComponent("model.safetensors.index.json"))
        }
        return url
    }

    @Test(arguments: [(SafetensorsWriter.FloatStorage.f16, 1), (.bf16, 1), (.f16, 3)])
    func halfPrecisionCheckpointsLoad(storage: SafetensorsWriter.FloatStorage, shards: Int) throws {
        let url = try Self.convertedFolder(storage, shards: shards)
        defer { try? FileManager.default.removeItem(at: url) }
        let model = try SAMModel.load(url)
        let refs = try SAMParityTests.reference()
        let prediction = try model.decodeMasks(imageEmbeddings: try refs["image_embeddings"],
                                               prompts: try SAMParityTests.prompts(refs, set: 4), multimaskOutput: false)
        // The weights were rounded to 11 (F16) or 8 (BF16) significant bits, so the bound is loose.
        let tolerance: Float = storage == .bf16 ? 0.1 : 0.02
        #expect(maxAbsDifference(prediction.iouScores, try refs["set4.iou_scores"]) <= tolerance)
        #expect(maxAbsDifference(SAMParityTests.subsampled(prediction.lowResolutionMasks), try refs["set4.masks_sub"]) <= tolerance)
    }

    @Test func missingTensorIsNamedWithItsShape() throws {
        let name = "mask_decoder.transformer.layers.1.cross_attn_image_to_token.v_proj.weight"
        let edited = EditedWeights(base: try Self.weights(), removed: [name])
        #expect(throws: ModelError.missingTensor(name: name, expectedShape: [16, 32])) { try Self.load(edited) }
    }

    @Test func misShapedTensorIsNamedWithBothShapes() throws {
        let name = "vision_encoder.layers.1.attn.rel_pos_h"
        let edited = EditedWeights(base: try Self.weights(), replaced: [name: Tensor(zeros: [27, 16])])
        // Layer 1 is global: its table spans the 64-token grid.
        #expect(throws: ModelError.tensorShape(name: name, expected: [127, 16], found: [27, 16])) { try Self.load(edited) }
    }

    @Test func unusedTensorsAreReported() throws {
        let edited = EditedWeights(base: try Self.weights(), replaced: ["mask_decoder.extra": Tensor(zeros: [1])])
        #expect(throws: ModelError.unusedTensors(names: ["mask_decoder.extra"])) { try Self.load(edited) }
    }

    @Test func theTiedPromptEncoderCopyIsAccepted() throws {
        let base = try Self.weights()
        let edited = EditedWeights(base: base, replaced: [
            "prompt_encoder.shared_embedding.positional_embedding": try base.tensor("shared_image_embedding.positional_embedding"),
        ])
        _ = try Self.load(edited)
    }

    @Test func configDefaultsAreTransformers() throws {
        let config = try SAMConfig.parse(Data(#"{"model_type":"sam"}"#.utf8))
        #expect(config.vision.hiddenSize == 768 && config.vision.mlpDim == 3072 && config.vision.globalAttnIndexes == [2, 5, 8, 11])
        #expect(config.vision.outputChannels == 256 && config.vision.numPosFeats == 128 && config.vision.windowSize == 14)
        #expect(config.promptEncoder.imageEmbeddingSize == 64 && config.promptEncoder.maskInputChannels == 16)
        #expect(config.maskDecoder.numMaskTokens == 4 && config.maskDecoder.mlpDim == 2048 && config.maskDecoder.iouHeadDepth == 3)
        let large = try SAMConfig.parse(Data(#"{"model_type":"sam","vision_config":{"hidden_size":1024,"num_attention_heads":16,"mlp_dim":null}}"#.utf8))
        #expect(large.vision.mlpDim == 4096)
        #expect(throws: ModelError.self) {
            try SAMConfig.parse(Data(#"{"model_type":"sam","vision_config":{"num_pos_feats":64}}"#.utf8))
        }
    }

    @Test func otherModelsAreRefusedAsSAM() throws {
        let clip = ModelFolder(url: Fixtures.model("clip_tiny"))
        do {
            _ = try SAMModel.load(clip)
            Issue.record("a CLIP folder loaded as SAM")
        } catch let .wrongModelKind(_, modelType, explanation) {
            #expect(modelType == "clip")
            #expect(explanation.contains("CLIP checkpoint") && explanation.contains("not a SAM checkpoint"))
        }
        #expect(throws: ModelError.self) { try SAMModel.load(ModelFolder(url: Fixtures.model("dinov2_tiny"))) }
    }

    @Test func aSAMFolderIsRefusedAsAnImageTower() throws {
        do {
            _ = try ImageTowerRegistry.standard.load(ModelFolder(url: Self.folder))
            Issue.record("a SAM folder loaded as an image tower")
        } catch {
            guard case let .wrongModelKind(file, modelType, explanation) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(modelType == "sam" && file.hasSuffix("config.json"))
            #expect(explanation.contains("pass it as the SAM model"))
            #expect(error.description.contains("model_type 'sam' is a SAM checkpoint"))
        }
    }
}
