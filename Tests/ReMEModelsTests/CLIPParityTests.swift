import Foundation
import ReMEModels
import ReMETensor
import Testing

/// Tiny random CLIPModel saved by transformers 5.24 (scripts/make_model_fixtures.py) against
/// its PyTorch outputs.
struct CLIPParityTests {
    let folder = Fixtures.model("clip_tiny")

    func load(_ towers: CLIPModel.Towers = .both) throws -> (CLIPModel, SafetensorsFile) {
        let config = try CLIPConfig.parse(try loadConfigData(folder))
        let weights = try SafetensorsFile.fixture(folder.appendingPathComponent("model.safetensors"))
        let refs = try SafetensorsFile.fixture(folder.appendingPathComponent("reference.safetensors"))
        return (try CLIPModel(config: config, weights: weights, towers: towers), refs)
    }

    static func ids(_ t: Tensor) -> [[Int]] {
        let n = t.shape[1]
        return (0..<t.shape[0]).map { b in (0..<n).map { Int(t.scalars[b * n + $0]) } }
    }

    @Test func visionTowerMatchesTransformers() throws {
        let (model, refs) = try load(.vision)
        let vision = try #require(model.vision)
        let out = try vision(try refs["pixel_values"])
        #expect(maxAbsDifference(out.lastHiddenState, try refs["vision_last_hidden_state"]) <= 1e-4)
        #expect(minRowCosine(out.poolerOutput, try refs["vision_pooler_output"]) >= 0.99999)
        let embeds = try #require(out.imageEmbeds)
        #expect(minRowCosine(embeds, try refs["image_embeds"]) >= 0.99999)
        #expect(maxAbsDifference(embeds, try refs["image_embeds"]) <= 1e-4)
    }

    @Test func textTowerMatchesTransformers() throws {
        let (model, refs) = try load(.text)
        let text = try #require(model.text)
        let out = try text(Self.ids(try refs["input_ids"]))
        #expect(maxAbsDifference(out.lastHiddenState, try refs["text_last_hidden_state"]) <= 1e-4)
        #expect(minRowCosine(out.poolerOutput, try refs["text_pooler_output"]) >= 0.99999)
        #expect(minRowCosine(try #require(out.textEmbeds), try refs["text_embeds"]) >= 0.99999)
    }

    @Test func textPoolingFollowsBothEosRules() throws {
        let (model, refs) = try load(.text)
        var text = try #require(model.text)
        let ids = Self.ids(try refs["input_ids_eos_inside"])
        let current = try #require(try text(ids).textEmbeds)
        #expect(minRowCosine(current, try refs["text_embeds_eos_inside"]) >= 0.99999)
        text.config.eosTokenId = 2
        let legacy = try #require(try text(ids).textEmbeds)
        #expect(minRowCosine(legacy, try refs["text_embeds_eos_inside_legacy"]) >= 0.99999)
        // The two rules pool different tokens for the first row.
        #expect(maxAbsDifference(current, legacy) > 1e-3)
    }

    @Test func wrongImageSizeIsAnError() throws {
        let (model, _) = try load(.vision)
        let vision = try #require(model.vision)
        #expect(throws: ModelError.imageSizeMismatch(height: 32, width: 32, expected: 48)) {
            try vision(Tensor(zeros: [1, 3, 32, 32]))
        }
        #expect(throws: ModelError.imageSizeNotMultipleOfPatch(height: 40, width: 48, patch: 16)) {
            try vision(Tensor(zeros: [1, 3, 40, 48]), interpolatePositions: true)
        }
        let resized = try vision(Tensor(zeros: [1, 3, 32, 64]), interpolatePositions: true)
        #expect(resized.lastHiddenState.shape == [1, 1 + 2 * 4, 48])
    }
}

/// `CLIPVisionModelWithProjection` / `CLIPTextModelWithProjection` checkpoints: one tower at the
/// top level of `config.json`, only that tower's tensors in the file.
struct CLIPSingleTowerTests {
    let folder = Fixtures.model("clip_tiny")

    func towerConfig(_ key: String, modelType: String) throws -> Data {
        let root = try JSONSerialization.jsonObject(with: loadConfigData(folder)) as? [String: Any] ?? [:]
        var tower = root[key] as? [String: Any] ?? [:]
        tower["model_type"] = modelType
        tower["projection_dim"] = 24
        return try JSONSerialization.data(withJSONObject: tower)
    }

    @Test func visionOnlyCheckpointLoadsAndMatches() throws {
        let weights = try SafetensorsFile.fixture(folder.appendingPathComponent("model.safetensors"))
        let textKeys = weights.names.filter { $0.hasPrefix("text_") || $0 == "logit_scale" }
        let visionOnly = EditedWeights(base: weights, removed: Set(textKeys))
        let config = try CLIPConfig.parse(try towerConfig("vision_config", modelType: "clip_vision_model"))
        #expect(config.text == nil && config.projectionDim == 24)
        let model = try CLIPModel(config: config, weights: visionOnly, towers: .vision)
        let refs = try SafetensorsFile.fixture(folder.appendingPathComponent("reference.safetensors"))
        let vision = try #require(model.vision)
        let out = try vision(try refs["pixel_values"])
        #expect(minRowCosine(try #require(out.imageEmbeds), try refs["image_embeds"]) >= 0.99999)
        #expect(throws: ModelError.invalidInput("this CLIP checkpoint has no text tower")) {
            try CLIPModel(config: config, weights: visionOnly, towers: .both)
        }
    }

    @Test func textOnlyCheckpointLoadsAndMatches() throws {
        let weights = try SafetensorsFile.fixture(folder.appendingPathComponent("model.safetensors"))
        let visionKeys = weights.names.filter { $0.hasPrefix("vision_") || $0.hasPrefix("visual_") }
        let config = try CLIPConfig.parse(try towerConfig("text_config", modelType: "clip_text_model"))
        let model = try CLIPModel(config: config, weights: EditedWeights(base: weights, removed: Set(visionKeys)),
                                  towers: .text)
        let refs = try SafetensorsFile.fixture(folder.appendingPathComponent("reference.safetensors"))
        let text = try #require(model.text)
        let out = try text(CLIPParityTests.ids(try refs["input_ids"]))
        #expect(minRowCosine(try #require(out.textEmbeds), try refs["text_embeds"]) >= 0.99999)
    }
}
