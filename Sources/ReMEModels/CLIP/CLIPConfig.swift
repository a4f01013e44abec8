import Foundation

/// `text_config` of a CLIP checkpoint (transformers' `CLIPTextConfig`, same defaults).
public struct CLIPTextConfig: Codable, Sendable, Equatable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var maxPositionEmbeddings: Int
    public var hiddenAct: String
    public var layerNormEps: Float
    /// 2 selects the legacy pooling (position of the highest id); otherwise the first position
    /// of this id is pooled (transformers' rule since PR #24773).
    public var eosTokenId: Int
    public var projectionDim: Int?

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", hiddenSize = "hidden_size", intermediateSize = "intermediate_size"
        case numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
        case maxPositionEmbeddings = "max_position_embeddings", hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps", eosTokenId = "eos_token_id", projectionDim = "projection_dim"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try c.decodeIfPresent(Int.self, forKey: .vocabSize) ?? 49408
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? 512
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? 2048
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? 12
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? 8
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 77
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "quick_gelu"
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-5
        eosTokenId = try c.decodeIntOrFirst(.eosTokenId) ?? 49407
        projectionDim = try c.decodeIfPresent(Int.self, forKey: .projectionDim)
    }
}

/// `vision_config` of a CLIP checkpoint (transformers' `CLIPVisionConfig`, same defaults).
public struct CLIPVisionConfig: Codable, Sendable, Equatable {
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var numChannels: Int
    public var imageSize: Int
    public var patchSize: Int
    public var hiddenAct: String
    public var layerNormEps: Float
    public var projectionDim: Int?

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", intermediateSize = "intermediate_size"
        case numHiddenLayers = "num_hidden_layers", numAttentionHeads = "num_attention_heads"
        case numChannels = "num_channels", imageSize = "image_size", patchSize = "patch_size"
        case hiddenAct = "hidden_act", layerNormEps = "layer_norm_eps", projectionDim = "projection_dim"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? 768
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? 3072
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? 12
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? 12
        numChannels = try c.decodeIfPresent(Int.self, forKey: .numChannels) ?? 3
        imageSize = try c.decodeIntOrFirst(.imageSize) ?? 224
        patchSize = try c.decodeIntOrFirst(.patchSize) ?? 32
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "quick_gelu"
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-5
        projectionDim = try c.decodeIfPresent(Int.self, forKey: .projectionDim)
    }
}

/// A CLIP checkpoint's `config.json`: a full `CLIPModel` (`model_type` "clip") or a single tower
/// (`clip_vision_model`, `clip_text_model`, as saved by `CLIP*ModelWithProjection`).
public struct CLIPConfig: Sendable, Equatable {
    public var text: CLIPTextConfig?
    public var vision: CLIPVisionConfig?
    /// Width of the shared embedding space (`projection_dim`).
    public var projectionDim: Int

    /// Parses `config.json`. Old OpenAI configs carry `text_config_dict` / `vision_config_dict`
    /// next to `text_config` / `vision_config`; as in transformers, their values win.
    public static func parse(_ data: Data, file: String = "config.json") throws(ModelError) -> CLIPConfig {
        let root = try jsonObject(data, file: file)
        let type = root["model_type"] as? String ?? ""
        func tower<T: Decodable>(_ t: T.Type, _ key: String) throws(ModelError) -> T {
            var merged = root[key] as? [String: Any] ?? [:]
            if let overrides = root["\(key)_dict"] as? [String: Any] {
                merged.merge(overrides) { _, new in new }
            }
            return try decodeConfig(T.self, from: try jsonData(merged, file: file), file: "\(file) (\(key))")
        }
        switch type {
        case "clip":
            let text = try tower(CLIPTextConfig.self, "text_config")
            let vision = try tower(CLIPVisionConfig.self, "vision_config")
            let dim = root["projection_dim"] as? Int ?? 512
            return CLIPConfig(text: text, vision: vision, projectionDim: dim)
        case "clip_vision_model":
            let vision = try decodeConfig(CLIPVisionConfig.self, from: data, file: file)
            return CLIPConfig(text: nil, vision: vision, projectionDim: vision.projectionDim ?? 512)
        case "clip_text_model":
            let text = try decodeConfig(CLIPTextConfig.self, from: data, file: file)
            return CLIPConfig(text: text, vision: nil, projectionDim: text.projectionDim ?? 512)
        default:
            throw .unsupportedModelType(type, supported: ["clip", "clip_vision_model", "clip_text_model"])
        }
    }
}

func jsonObject(_ data: Data, file: String) throws(ModelError) -> [String: Any] {
    guard let object = try? JSONSerialization.jsonObject(with: data), let dict = object as? [String: Any] else {
        throw .invalidConfig(file: file, reason: "not a JSON object")
    }
    return dict
}

private func jsonData(_ dict: [String: Any], file: String) throws(ModelError) -> Data {
    do { return try JSONSerialization.data(withJSONObject: dict) } catch {
        throw .invalidConfig(file: file, reason: "cannot re-encode a sub-config")
    }
}
