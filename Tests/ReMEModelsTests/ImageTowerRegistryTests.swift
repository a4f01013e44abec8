import Foundation
import ReMEModels
import ReMETensor
import Testing

/// `model_type` → loader: the known towers, the error for any other type, and a new tower as one entry.
struct ImageTowerRegistryTests {
    /// A folder holding only a `config.json` naming `modelType`.
    static func folder(modelType: String) throws -> ModelFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(#"{"model_type": "\#(modelType)"}"#.utf8).write(to: url.appendingPathComponent("config.json"))
        return ModelFolder(url: url)
    }

    /// A tower of one `[B, 1, D]` token per image, whatever the pixels.
    struct ToyTower: ImageTower {
        var imageSize: Int { 32 }
        var patchSize: Int { 16 }
        var hiddenSize: Int { 4 }
        var featureDimension: Int { 4 }
        var prefixTokenCount: Int { 1 }

        func callAsFunction(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput {
            let b = pixels.shape.first ?? 0
            return ImageTowerOutput(lastHiddenState: Tensor(zeros: [b, 1, 4]), poolerOutput: Tensor(zeros: [b, 4]),
                                    imageEmbeds: nil, gridRows: 0, gridColumns: 0)
        }

        func dense(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput { try self(pixels) }
    }

    @Test func theStandardRegistryListsItsTowersInOrder() {
        #expect(ImageTowerRegistry.standard.modelTypes == ["clip", "clip_vision_model", "dinov2", "dinov2_with_registers"])
        #expect(ImageTowerRegistry().modelTypes.isEmpty)
    }

    @Test func anUnknownModelTypeIsRefusedWithTheKnownOnes() throws {
        let folder = try Self.folder(modelType: "sam_vision_model")
        defer { try? FileManager.default.removeItem(at: folder.url) }
        #expect(throws: ModelError.unsupportedModelType("sam_vision_model", supported: ImageTowerRegistry.standard.modelTypes)) {
            try ImageTowerRegistry.standard.load(folder)
        }
    }

    @Test func aNewTowerIsOneRegistration() throws {
        let folder = try Self.folder(modelType: "sam_vision_model")
        defer { try? FileManager.default.removeItem(at: folder.url) }
        var registry = ImageTowerRegistry.standard
        registry.register(["sam_vision_model"]) { _ throws(ModelError) in ToyTower() }
        #expect(registry.modelTypes.last == "sam_vision_model")
        let tower = try registry.load(folder)
        #expect(tower is ToyTower)
        #expect(try tower.encode(Tensor(zeros: [3, 3, 32, 32]), batchSize: 2).poolerOutput.shape == [3, 4])
        // Registering a type again replaces its loader and keeps its place.
        registry.register(["clip"]) { _ throws(ModelError) in ToyTower() }
        #expect(registry.modelTypes == ["clip", "clip_vision_model", "dinov2", "dinov2_with_registers", "sam_vision_model"])
        #expect(try registry.load(ModelFolder(url: Fixtures.model("clip_tiny"))) is ToyTower)
        #expect(try ImageTowerRegistry.standard.load(ModelFolder(url: Fixtures.model("clip_tiny"))) is CLIPVisionTower)
    }
}
