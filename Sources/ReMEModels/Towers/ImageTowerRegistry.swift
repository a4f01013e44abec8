/// Which `ImageTower` loads a model folder, by its `config.json` `model_type`, in the style of
/// mlx-swift-examples' model-type registries. Adding a tower (SAM's image encoder) is one
/// `register` call in `standard`.
public struct ImageTowerRegistry: Sendable {
    public typealias Loader = @Sendable (ModelFolder) throws(ModelError) -> any ImageTower

    private struct Entry: Sendable {
        let modelType: String
        let load: Loader
    }

    /// In registration order: the order in which errors list them.
    private var entries: [Entry] = []

    /// An empty registry; `standard` knows the towers of this package.
    public init() {}

    /// CLIP's vision tower and DINOv2 (with and without registers).
    public static let standard: ImageTowerRegistry = {
        var registry = ImageTowerRegistry()
        registry.register(["clip", "clip_vision_model"]) { folder throws(ModelError) in try CLIPVisionTower.load(folder) }
        registry.register(DINOv2Config.supportedTypes) { folder throws(ModelError) in try DINOv2Model.load(folder) }
        return registry
    }()

    /// The `model_type` values this registry loads, in registration order.
    public var modelTypes: [String] { entries.map(\.modelType) }

    /// Loads folders whose `model_type` is one of `modelTypes` with `loader`, replacing any
    /// loader registered for them before.
    public mutating func register(_ modelTypes: [String], loader: @escaping Loader) {
        for type in modelTypes {
            if let i = entries.firstIndex(where: { $0.modelType == type }) {
                entries[i] = Entry(modelType: type, load: loader)
            } else {
                entries.append(Entry(modelType: type, load: loader))
            }
        }
    }

    /// Loads the image tower `folder`'s `config.json` names; an unknown `model_type` is an
    /// error listing the known ones.
    public func load(_ folder: ModelFolder) throws(ModelError) -> any ImageTower {
        let type = try folder.modelType()
        guard let entry = entries.first(where: { $0.modelType == type }) else {
            if type == SAMConfig.modelType {
                let towers = modelTypes.joined(separator: ", ")
                throw .wrongModelKind(file: folder.file("config.json").path, modelType: type,
                                      explanation: "is a SAM checkpoint (Segment Anything), a segmenter, not an image tower for region "
                                          + "features (\(towers)); pass it as the SAM model")
            }
            throw .unsupportedModelType(type, supported: modelTypes)
        }
        return try entry.load(folder)
    }
}
