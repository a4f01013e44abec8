import ReMETensor

extension CLIPVisionTower: ImageTower {
    /// The vision tower of a CLIP folder (`model_type` "clip" or "clip_vision_model"); for a full
    /// CLIP checkpoint the text tower's tensors are skipped, and any other unused tensor is an error.
    public static func load(_ folder: ModelFolder) throws(ModelError) -> CLIPVisionTower {
        let config = try CLIPConfig.parse(try folder.data("config.json"), file: folder.file("config.json").path)
        let model = try CLIPModel(config: config, weights: try folder.weights(), towers: .vision)
        guard let vision = model.vision else { throw .invalidInput("\(folder.url.path) has no CLIP vision tower") }
        return vision
    }

    public func callAsFunction(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput {
        try self(pixels, interpolatePositions: false)
    }

    public func dense(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput {
        try self(pixels, interpolatePositions: true)
    }

    public var imageSize: Int { config.imageSize }
    public var patchSize: Int { config.patchSize }
    public var hiddenSize: Int { config.hiddenSize }
    public var featureDimension: Int { embeddingDimension }
    public var prefixTokenCount: Int { 1 }
}
