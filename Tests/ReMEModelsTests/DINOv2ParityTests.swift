import Foundation
import ReMEModels
import ReMETensor
import Testing

/// Tiny random Dinov2 / Dinov2WithRegisters models (MLP and SwiGLU) against transformers 5.24,
/// at the checkpoint's size and at sizes that resample the position embeddings up and down.
struct DINOv2ParityTests {
    static let sizes = ["42x42", "56x70", "28x28", "70x42"]

    @Test(arguments: ["dinov2_tiny", "dinov2_swiglu", "dinov2_registers"])
    func matchesTransformers(fixture: String) throws {
        let folder = Fixtures.model(fixture)
        let config = try DINOv2Config.parse(try loadConfigData(folder))
        let loader = WeightLoader(try SafetensorsFile.fixture(folder.appendingPathComponent("model.safetensors")))
        let model = try DINOv2Model(config: config, weights: loader)
        #expect(loader.unused.isEmpty, "unused: \(loader.unused)")
        let refs = try SafetensorsFile.fixture(folder.appendingPathComponent("reference.safetensors"))
        for size in Self.sizes {
            let out = try model(try refs["pixel_values_\(size)"])
            let expected = try refs["last_hidden_state_\(size)"]
            let error = maxAbsDifference(out.lastHiddenState, expected)
            #expect(error <= 1e-4, "\(fixture) \(size): max abs error \(error)")
            #expect(minRowCosine(out.poolerOutput, try refs["pooler_output_\(size)"]) >= 0.99999)
        }
    }

    @Test func swigluWidthFollowsTransformers() throws {
        let config = try DINOv2Config.parse(try loadConfigData(Fixtures.model("dinov2_swiglu")))
        #expect(config.feedForwardWidth == 88)  // (int(128·2/3) + 7) // 8 · 8
        let giant = try DINOv2Config.parse(Data(#"{"model_type":"dinov2","hidden_size":1536,"use_swiglu_ffn":true}"#.utf8))
        #expect(giant.feedForwardWidth == 4096)
    }
}
