import Foundation
import ReMETensor

/// An image tower chosen by a folder's `config.json`: CLIP's vision tower or DINOv2.
public enum ImageEncoder: Sendable {
    case clip(CLIPVisionTower)
    case dinov2(DINOv2Model)

    public static let supportedTypes = ["clip", "clip_vision_model"] + DINOv2Config.supportedTypes

    /// Loads the image tower of `folder`; for a full CLIP checkpoint the text tower's tensors are
    /// skipped, and any other unused tensor is an error.
    public static func load(_ folder: ModelFolder) throws(ModelError) -> ImageEncoder {
        let type = try folder.modelType()
        let configData = try folder.data("config.json")
        let configPath = folder.file("config.json").path
        switch type {
        case "clip", "clip_vision_model":
            let config = try CLIPConfig.parse(configData, file: configPath)
            let model = try CLIPModel(config: config, weights: try folder.weights(), towers: .vision)
            guard let vision = model.vision else { throw .invalidInput("\(folder.url.path) has no CLIP vision tower") }
            return .clip(vision)
        case "dinov2", "dinov2_with_registers":
            let config = try DINOv2Config.parse(configData, file: configPath)
            let loader = WeightLoader(try folder.weights())
            let model = try DINOv2Model(config: config, weights: loader)
            try loader.finish()
            return .dinov2(model)
        default:
            throw .unsupportedModelType(type, supported: supportedTypes)
        }
    }

    public func callAsFunction(_ pixels: Tensor) throws(ModelError) -> ImageTowerOutput {
        switch self {
        case let .clip(tower): return try tower(pixels)
        case let .dinov2(model): return try model(pixels)
        }
    }

    /// Side of the square the checkpoint was trained at (`image_size`) and its patch size.
    public var imageSize: Int {
        switch self {
        case let .clip(t): return t.config.imageSize
        case let .dinov2(m): return m.config.imageSize
        }
    }

    public var patchSize: Int {
        switch self {
        case let .clip(t): return t.config.patchSize
        case let .dinov2(m): return m.config.patchSize
        }
    }
}

/// CLIP's text side of a folder: tokenizer plus text tower.
public struct CLIPTextEncoder: Sendable {
    public let tokenizer: CLIPTokenizer
    public let tower: CLIPTextTower

    public static let supportedTypes = ["clip", "clip_text_model"]

    public static func load(_ folder: ModelFolder) throws(ModelError) -> CLIPTextEncoder {
        let type = try folder.modelType()
        guard supportedTypes.contains(type) else { throw .unsupportedModelType(type, supported: supportedTypes) }
        let config = try CLIPConfig.parse(try folder.data("config.json"), file: folder.file("config.json").path)
        let model = try CLIPModel(config: config, weights: try folder.weights(), towers: .text)
        guard let tower = model.text else { throw .invalidInput("\(folder.url.path) has no CLIP text tower") }
        let tokenizer = try CLIPTokenizer.load(folder: folder.url,
                                               maxLength: min(77, tower.config.maxPositionEmbeddings))
        return CLIPTextEncoder(tokenizer: tokenizer, tower: tower)
    }

    /// Token ids [B, maxLength] and the tower's outputs for each text.
    public func encode(_ texts: [String]) throws(ModelError) -> (ids: [[Int]], output: TextTowerOutput) {
        let ids = texts.map(tokenizer.encode)
        return (ids, try tower(ids))
    }
}

extension ImageEncoder {
    /// Runs `pixels` [B, C, H, W] in chunks of `batchSize` images (bounding peak memory) and
    /// concatenates the outputs.
    public func encode(_ pixels: Tensor, batchSize: Int = 8) throws(ModelError) -> ImageTowerOutput {
        guard pixels.rank == 4, pixels.shape[0] > 0 else {
            throw .invalidInput("pixel_values has shape \(pixels.shape), expected [B, 3, H, W] with B ≥ 1")
        }
        let total = pixels.shape[0], step = max(1, batchSize)
        if total <= step { return try self(pixels) }
        var parts = [ImageTowerOutput]()
        for start in stride(from: 0, to: total, by: step) {
            parts.append(try self(pixels.rows(start..<min(total, start + step))))
        }
        func joined(_ pick: (ImageTowerOutput) -> Tensor) throws(ModelError) -> Tensor {
            let tensors = parts.map(pick)
            return try tensorOp { () throws(TensorError) in try Tensor.concatenate(tensors) }
        }
        let embeds: Tensor? = parts[0].imageEmbeds == nil ? nil : try joined { $0.imageEmbeds ?? Tensor(zeros: [0]) }
        return ImageTowerOutput(lastHiddenState: try joined(\.lastHiddenState), poolerOutput: try joined(\.poolerOutput),
                                imageEmbeds: embeds, gridRows: parts[0].gridRows, gridColumns: parts[0].gridColumns)
    }
}
