import Foundation

/// `config.json` of a DINOv2 checkpoint (`model_type` "dinov2" or "dinov2_with_registers";
/// transformers' defaults).
public struct DINOv2Config: Codable, Sendable, Equatable {
    public var modelType: String
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var mlpRatio: Double
    public var hiddenAct: String
    public var layerNormEps: Float
    public var imageSize: Int
    public var patchSize: Int
    public var numChannels: Int
    public var qkvBias: Bool
    public var useSwigluFfn: Bool
    /// 0 for plain DINOv2.
    public var numRegisterTokens: Int

    public static let supportedTypes = ["dinov2", "dinov2_with_registers"]

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", mlpRatio = "mlp_ratio", hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps", imageSize = "image_size", patchSize = "patch_size"
        case numChannels = "num_channels", qkvBias = "qkv_bias", useSwigluFfn = "use_swiglu_ffn"
        case numRegisterTokens = "num_register_tokens"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType) ?? "dinov2"
        let registers = modelType == "dinov2_with_registers"
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? 768
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? 12
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? 12
        mlpRatio = try c.decodeIfPresent(Double.self, forKey: .mlpRatio) ?? 4
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "gelu"
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-6
        imageSize = try c.decodeIntOrFirst(.imageSize) ?? 224
        patchSize = try c.decodeIntOrFirst(.patchSize) ?? (registers ? 16 : 14)
        numChannels = try c.decodeIfPresent(Int.self, forKey: .numChannels) ?? 3
        qkvBias = try c.decodeIfPresent(Bool.self, forKey: .qkvBias) ?? true
        useSwigluFfn = try c.decodeIfPresent(Bool.self, forKey: .useSwigluFfn) ?? false
        numRegisterTokens = registers ? (try c.decodeIfPresent(Int.self, forKey: .numRegisterTokens) ?? 4) : 0
    }

    public static func parse(_ data: Data, file: String = "config.json") throws(ModelError) -> DINOv2Config {
        let config = try decodeConfig(DINOv2Config.self, from: data, file: file)
        guard supportedTypes.contains(config.modelType) else {
            throw .unsupportedModelType(config.modelType, supported: supportedTypes)
        }
        return config
    }

    /// Width of the MLP hidden layer: `int(hidden · mlp_ratio)`, and for SwiGLU two thirds of
    /// it rounded up to a multiple of 8, as transformers computes them.
    public var feedForwardWidth: Int {
        let mlp = Int(Double(hiddenSize) * mlpRatio)
        return useSwigluFfn ? (Int(Double(mlp) * 2 / 3) + 7) / 8 * 8 : mlp
    }
}
