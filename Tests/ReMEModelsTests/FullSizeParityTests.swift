import Foundation
import ReMEModels
import ReMETensor
import Testing

/// One-off check at real sizes (ViT-B/16 CLIP at 224², DINOv2 ViT-B/14 and ViT-L/14 at 448²),
/// random weights made by `scripts/make_model_fixtures.py --fullsize DIR`. Runs only when
/// `REME_FULLSIZE_DIR=DIR` is set; see docs/models.md.
struct FullSizeParityTests {
    static let directory = ProcessInfo.processInfo.environment["REME_FULLSIZE_DIR"]

    static func report(_ name: String, _ got: Tensor, _ want: Tensor) -> (Float, Float, Float) {
        let err = maxAbsDifference(got, want)
        let scale = want.scalars.reduce(0) { max($0, abs($1)) }
        let cos = minRowCosine(got, want)
        print("fullsize \(name): max |Δ| = \(err), max |ref| = \(scale), min cosine = \(cos)")
        return (err, scale, cos)
    }

    @Test(.enabled(if: directory != nil), arguments: ["dinov2-base", "dinov2-large"])
    func dinov2(name: String) throws {
        let folder = ModelFolder(url: URL(fileURLWithPath: try #require(Self.directory)).appendingPathComponent(name))
        let refs = try SafetensorsFile.fixture(folder.file("reference.safetensors"))
        let model = try ImageTowerRegistry.standard.load(folder)
        let start = Date()
        let out = try model(try refs["pixel_values_448x448"])
        print("fullsize \(name) 448²: \(Date().timeIntervalSince(start)) s (debug build, BLAS \(BLAS.coreName))")
        let (err, scale, _) = Self.report("\(name) last_hidden_state", out.lastHiddenState, try refs["last_hidden_state_448x448"])
        #expect(err <= 1e-4 * max(1, scale))
        #expect(Self.report("\(name) pooler_output", out.poolerOutput, try refs["pooler_output_448x448"]).2 >= 0.99999)
    }

    @Test(.enabled(if: directory != nil))
    func clipViTB16() throws {
        let folder = ModelFolder(url: URL(fileURLWithPath: try #require(Self.directory)).appendingPathComponent("clip-vit-base-patch16"))
        let refs = try SafetensorsFile.fixture(folder.file("reference.safetensors"))
        let config = try CLIPConfig.parse(try folder.data("config.json"))
        let model = try CLIPModel(config: config, weights: try folder.weights())
        let vision = try #require(model.vision), text = try #require(model.text)
        let v = try vision(try refs["pixel_values"])
        let (err, scale, _) = Self.report("clip vision last_hidden_state", v.lastHiddenState, try refs["vision_last_hidden_state"])
        #expect(err <= 1e-4 * max(1, scale))
        #expect(Self.report("clip image_embeds", try #require(v.imageEmbeds), try refs["image_embeds"]).2 >= 0.99999)
        let idsTensor = try refs["input_ids"]
        let ids = (0..<idsTensor.shape[0]).map { b in (0..<77).map { Int(idsTensor.scalars[b * 77 + $0]) } }
        let t = try text(ids)
        let (terr, tscale, _) = Self.report("clip text last_hidden_state", t.lastHiddenState, try refs["text_last_hidden_state"])
        #expect(terr <= 1e-4 * max(1, tscale))
        #expect(Self.report("clip text_embeds", try #require(t.textEmbeds), try refs["text_embeds"]).2 >= 0.99999)
    }
}
