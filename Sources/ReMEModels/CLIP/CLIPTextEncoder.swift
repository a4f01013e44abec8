import Foundation
import ReMETensor

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
