import ReMETensor

extension DINOv2Model: ImageTower {
    /// The DINOv2 model of a folder (`model_type` "dinov2" or "dinov2_with_registers"); any
    /// unused tensor is an error.
    public static func load(_ folder: ModelFolder) throws(ModelError) -> DINOv2Model {
        let config = try DINOv2Config.parse(try folder.data("config.json"), file: folder.file("config.json").path)
        let loader = WeightLoader(try folder.weights())
        let model = try DINOv2Model(config: config, weights: loader)
        try loader.finish()
        return model
    }

    /// DINOv2 resamples its position embeddings to every input's grid.
    public func dense(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput { try self(pixels) }

    public var imageSize: Int { config.imageSize }
    public var patchSize: Int { config.patchSize }
    public var hiddenSize: Int { config.hiddenSize }
    public var featureDimension: Int { config.hiddenSize }
    public var prefixTokenCount: Int { prefixTokens }
}
