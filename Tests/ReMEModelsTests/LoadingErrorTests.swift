import Foundation
import ReMEModels
import ReMETensor
import Testing

/// Bad checkpoints and configs fail with errors that name what is wrong.
struct LoadingErrorTests {
    let dinoFolder = Fixtures.model("dinov2_tiny")

    func dinoWeights() throws -> SafetensorsFile {
        try SafetensorsFile.fixture(dinoFolder.appendingPathComponent("model.safetensors"))
    }

    func loadDINO(_ weights: any WeightSource) throws -> DINOv2Model {
        let config = try DINOv2Config.parse(try loadConfigData(dinoFolder))
        let loader = WeightLoader(weights)
        let model = try DINOv2Model(config: config, weights: loader)
        try loader.finish()
        return model
    }

    @Test func missingTensorIsNamedWithItsShape() throws {
        let edited = EditedWeights(base: try dinoWeights(), removed: ["encoder.layer.1.norm2.bias"])
        #expect(throws: ModelError.missingTensor(name: "encoder.layer.1.norm2.bias", expectedShape: [32])) {
            try loadDINO(edited)
        }
    }

    @Test func misShapedTensorIsNamedWithBothShapes() throws {
        let edited = EditedWeights(base: try dinoWeights(), replaced: ["layernorm.weight": Tensor(zeros: [31])])
        #expect(throws: ModelError.tensorShape(name: "layernorm.weight", expected: [32], found: [31])) {
            try loadDINO(edited)
        }
    }

    @Test func everyUnusedTensorIsReported() throws {
        let edited = EditedWeights(base: try dinoWeights(),
                                   replaced: ["extra.b": Tensor(zeros: [1]), "extra.a": Tensor(zeros: [2])])
        #expect(throws: ModelError.unusedTensors(names: ["extra.a", "extra.b"])) { try loadDINO(edited) }
        let error = ModelError.unusedTensors(names: ["extra.a", "extra.b"])
        #expect(error.description.contains("extra.a, extra.b"))
    }

    @Test func unsupportedConfigValuesAreNamed() throws {
        #expect(throws: ModelError.unsupportedModelType("vit", supported: DINOv2Config.supportedTypes)) {
            try DINOv2Config.parse(Data(#"{"model_type":"vit"}"#.utf8))
        }
        let config = try DINOv2Config.parse(Data((#"{"model_type":"dinov2","hidden_size":32,"num_attention_heads":4,"num_hidden_layers":2,"# +
                                                  #""image_size":42,"hidden_act":"gelu_new"}"#).utf8))
        #expect(throws: ModelError.unsupportedActivation("gelu_new", supported: ["gelu", "quick_gelu", "relu", "silu", "swish"])) {
            try DINOv2Model(config: config, weights: WeightLoader(try dinoWeights()))
        }
        #expect(throws: ModelError.self) { try CLIPConfig.parse(Data(#"{"model_type":"clip","text_config":{"hidden_size":"wide"}}"#.utf8)) }
    }

    @Test func imageSizeThatIsNotAPatchMultipleIsAnError() throws {
        let model = try loadDINO(try dinoWeights())
        #expect(throws: ModelError.imageSizeNotMultipleOfPatch(height: 30, width: 42, patch: 14)) {
            try model(Tensor(zeros: [1, 3, 30, 42]))
        }
    }

    @Test func openAIConfigDictsOverrideTowerConfigs() throws {
        let json = #"""
        {"model_type":"clip","projection_dim":512,
         "text_config":{"hidden_size":32,"eos_token_id":2},"text_config_dict":{"hidden_size":512},
         "vision_config":{"patch_size":32},"vision_config_dict":{"patch_size":16,"image_size":224}}
        """#
        let config = try CLIPConfig.parse(Data(json.utf8))
        #expect(config.text?.hiddenSize == 512 && config.text?.eosTokenId == 2)
        #expect(config.vision?.patchSize == 16 && config.vision?.hiddenSize == 768)
    }
}

/// Model ids resolve through the Hugging Face cache layout.
struct ModelFolderTests {
    @Test func hubIdResolvesToTheSnapshotInRefsMain() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("reme-hf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let cache = home.appendingPathComponent("hub")
        let repo = cache.appendingPathComponent("models--openai--clip-vit-base-patch16")
        let snapshot = repo.appendingPathComponent("snapshots/abc123")
        try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("snapshots/zzz"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("refs"), withIntermediateDirectories: true)
        try "abc123\n".write(to: repo.appendingPathComponent("refs/main"), atomically: true, encoding: .utf8)
        let folder = try ModelFolder.resolve("openai/clip-vit-base-patch16", environment: ["HF_HUB_CACHE": cache.path])
        #expect(folder.url.standardizedFileURL.path == snapshot.standardizedFileURL.path)
        let viaHome = try ModelFolder.resolve("openai/clip-vit-base-patch16", environment: ["HF_HOME": home.path])
        #expect(viaHome.url.standardizedFileURL.path == snapshot.standardizedFileURL.path)
    }

    @Test func unknownModelNamesTheCachesSearched() throws {
        #expect(throws: ModelError.modelNotFound("nobody/nothing", searched: ["/tmp/reme-no-cache/hub"])) {
            try ModelFolder.resolve("nobody/nothing", environment: ["HF_HOME": "/tmp/reme-no-cache"])
        }
    }

    @Test func foldersLoadTheTowerTheirConfigNames() throws {
        #expect(try ImageTowerRegistry.standard.load(ModelFolder(url: Fixtures.model("dinov2_registers"))) is DINOv2Model)
        let clip = try ImageTowerRegistry.standard.load(ModelFolder(url: Fixtures.model("clip_tiny")))
        let out = try clip(Tensor(zeros: [1, 3, 48, 48]))
        #expect(out.imageEmbeds?.shape == [1, 24])
    }
}
