import Foundation

/// `config.json` of a Segment Anything checkpoint (`model_type` "sam", transformers' `SamConfig`):
/// the image encoder, the prompt encoder and the mask decoder, each with transformers' defaults
/// for absent fields (the defaults are `facebook/sam-vit-base`'s).
public struct SAMConfig: Decodable, Sendable, Equatable {
    public var modelType: String
    public var vision: SAMVisionConfig
    public var promptEncoder: SAMPromptEncoderConfig
    public var maskDecoder: SAMMaskDecoderConfig

    public static let modelType = "sam"

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", vision = "vision_config", promptEncoder = "prompt_encoder_config"
        case maskDecoder = "mask_decoder_config"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType) ?? ""
        vision = try c.decodeIfPresent(SAMVisionConfig.self, forKey: .vision) ?? SAMVisionConfig()
        promptEncoder = try c.decodeIfPresent(SAMPromptEncoderConfig.self, forKey: .promptEncoder) ?? SAMPromptEncoderConfig()
        maskDecoder = try c.decodeIfPresent(SAMMaskDecoderConfig.self, forKey: .maskDecoder) ?? SAMMaskDecoderConfig()
    }

    /// Decodes `data` (the contents of `file`) and checks that it describes a SAM model whose
    /// parts fit together; a CLIP or DINOv2 config is refused with a message naming what it is.
    public static func parse(_ data: Data, file: String = "config.json") throws(ModelError) -> SAMConfig {
        let config = try decodeConfig(SAMConfig.self, from: data, file: file)
        guard config.modelType == modelType else {
            throw .wrongModelKind(file: file, modelType: config.modelType,
                                  explanation: "is \(describe(config.modelType)), not a SAM checkpoint (model_type sam); pass it where that kind of model is expected")
        }
        try config.validate(file: file)
        return config
    }

    /// What a `model_type` that is not SAM's names, for the error message.
    static func describe(_ type: String) -> String {
        switch type {
        case "clip", "clip_vision_model", "clip_text_model": return "a CLIP checkpoint"
        case "dinov2", "dinov2_with_registers": return "a DINOv2 checkpoint"
        case "sam_vision_model": return "only SAM's image encoder (SamVisionModel), without the prompt encoder and mask decoder"
        case "": return "a checkpoint without a model_type"
        default: return "not a SAM checkpoint"
        }
    }

    private func validate(file: String) throws(ModelError) {
        let v = vision, p = promptEncoder, m = maskDecoder
        func require(_ ok: Bool, _ reason: @autoclosure () -> String) throws(ModelError) {
            if !ok { throw .invalidConfig(file: file, reason: reason()) }
        }
        try require(v.patchSize > 0 && v.imageSize > 0 && v.imageSize % v.patchSize == 0,
                    "vision_config.image_size \(v.imageSize) is not a multiple of patch_size \(v.patchSize)")
        try require(v.numAttentionHeads > 0 && v.hiddenSize % v.numAttentionHeads == 0,
                    "vision_config.hidden_size \(v.hiddenSize) is not divisible by num_attention_heads \(v.numAttentionHeads)")
        try require(v.windowSize >= 0, "vision_config.window_size \(v.windowSize) is negative")
        try require(v.globalAttnIndexes.allSatisfy { $0 >= 0 && $0 < v.numHiddenLayers },
                    "vision_config.global_attn_indexes \(v.globalAttnIndexes) name layers outside 0..<\(v.numHiddenLayers)")
        try require(2 * v.numPosFeats == p.hiddenSize,
                    "2 · vision_config.num_pos_feats (\(2 * v.numPosFeats)) differs from prompt_encoder_config.hidden_size \(p.hiddenSize)")
        try require(p.hiddenSize == m.hiddenSize && v.outputChannels == m.hiddenSize,
                    "vision_config.output_channels \(v.outputChannels), prompt_encoder_config.hidden_size \(p.hiddenSize) "
                        + "and mask_decoder_config.hidden_size \(m.hiddenSize) differ")
        try require(p.imageEmbeddingSize == v.imageSize / v.patchSize,
                    "prompt_encoder_config's image embedding size \(p.imageEmbeddingSize) differs from the encoder's grid \(v.imageSize / v.patchSize)")
        try require(p.numPointEmbeddings == 4, "prompt_encoder_config.num_point_embeddings is \(p.numPointEmbeddings), SAM uses 4")
        try require(m.hiddenSize % 8 == 0, "mask_decoder_config.hidden_size \(m.hiddenSize) is not a multiple of 8")
        try require(m.attentionDownsampleRate > 0 && m.numAttentionHeads > 0
                    && (m.hiddenSize / m.attentionDownsampleRate) % m.numAttentionHeads == 0 && m.hiddenSize % m.numAttentionHeads == 0,
                    "mask_decoder_config.num_attention_heads \(m.numAttentionHeads) does not divide the attention width")
        try require(m.iouHeadDepth >= 2, "mask_decoder_config.iou_head_depth \(m.iouHeadDepth) is below 2")
        try require(m.numMultimaskOutputs >= 1, "mask_decoder_config.num_multimask_outputs \(m.numMultimaskOutputs) is below 1")
    }
}

/// `vision_config` (transformers' `SamVisionConfig`).
public struct SAMVisionConfig: Decodable, Sendable, Equatable {
    public var hiddenSize = 768
    public var outputChannels = 256
    public var numHiddenLayers = 12
    public var numAttentionHeads = 12
    public var numChannels = 3
    public var imageSize = 1024
    public var patchSize = 16
    public var hiddenAct = "gelu"
    public var layerNormEps: Float = 1e-6
    public var qkvBias = true
    public var mlpRatio = 4.0
    public var useAbsPos = true
    public var useRelPos = true
    public var windowSize = 14
    public var globalAttnIndexes = [2, 5, 8, 11]
    public var numPosFeats = 128
    /// `mlp_dim`, or `int(hidden_size · mlp_ratio)` when absent or null.
    public var mlpDim = 3072

    public init() {}

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", outputChannels = "output_channels", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", numChannels = "num_channels", imageSize = "image_size"
        case patchSize = "patch_size", hiddenAct = "hidden_act", layerNormEps = "layer_norm_eps", qkvBias = "qkv_bias"
        case mlpRatio = "mlp_ratio", useAbsPos = "use_abs_pos", useRelPos = "use_rel_pos", windowSize = "window_size"
        case globalAttnIndexes = "global_attn_indexes", numPosFeats = "num_pos_feats", mlpDim = "mlp_dim"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SAMVisionConfig()
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? d.hiddenSize
        outputChannels = try c.decodeIfPresent(Int.self, forKey: .outputChannels) ?? d.outputChannels
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? d.numHiddenLayers
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? d.numAttentionHeads
        numChannels = try c.decodeIfPresent(Int.self, forKey: .numChannels) ?? d.numChannels
        imageSize = try c.decodeIntOrFirst(.imageSize) ?? d.imageSize
        patchSize = try c.decodeIntOrFirst(.patchSize) ?? d.patchSize
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? d.hiddenAct
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? d.layerNormEps
        qkvBias = try c.decodeIfPresent(Bool.self, forKey: .qkvBias) ?? d.qkvBias
        mlpRatio = try c.decodeIfPresent(Double.self, forKey: .mlpRatio) ?? d.mlpRatio
        useAbsPos = try c.decodeIfPresent(Bool.self, forKey: .useAbsPos) ?? d.useAbsPos
        useRelPos = try c.decodeIfPresent(Bool.self, forKey: .useRelPos) ?? d.useRelPos
        windowSize = try c.decodeIfPresent(Int.self, forKey: .windowSize) ?? d.windowSize
        globalAttnIndexes = try c.decodeIfPresent([Int].self, forKey: .globalAttnIndexes) ?? d.globalAttnIndexes
        numPosFeats = try c.decodeIfPresent(Int.self, forKey: .numPosFeats) ?? d.numPosFeats
        mlpDim = try c.decodeIfPresent(Int.self, forKey: .mlpDim) ?? Int(Double(hiddenSize) * mlpRatio)
    }

    /// Token grid side of the encoder (64 for 1024-pixel inputs and 16-pixel patches).
    public var gridSize: Int { imageSize / patchSize }
}

/// `prompt_encoder_config` (transformers' `SamPromptEncoderConfig`).
public struct SAMPromptEncoderConfig: Decodable, Sendable, Equatable {
    public var hiddenSize = 256
    public var imageSize = 1024
    public var patchSize = 16
    public var maskInputChannels = 16
    public var numPointEmbeddings = 4
    public var hiddenAct = "gelu"
    public var layerNormEps: Float = 1e-6

    public init() {}

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", imageSize = "image_size", patchSize = "patch_size"
        case maskInputChannels = "mask_input_channels", numPointEmbeddings = "num_point_embeddings"
        case hiddenAct = "hidden_act", layerNormEps = "layer_norm_eps"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SAMPromptEncoderConfig()
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? d.hiddenSize
        imageSize = try c.decodeIntOrFirst(.imageSize) ?? d.imageSize
        patchSize = try c.decodeIntOrFirst(.patchSize) ?? d.patchSize
        maskInputChannels = try c.decodeIfPresent(Int.self, forKey: .maskInputChannels) ?? d.maskInputChannels
        numPointEmbeddings = try c.decodeIfPresent(Int.self, forKey: .numPointEmbeddings) ?? d.numPointEmbeddings
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? d.hiddenAct
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? d.layerNormEps
    }

    /// `image_size // patch_size`, as transformers derives it (64).
    public var imageEmbeddingSize: Int { patchSize > 0 ? imageSize / patchSize : 0 }
}

/// `mask_decoder_config` (transformers' `SamMaskDecoderConfig`).
public struct SAMMaskDecoderConfig: Decodable, Sendable, Equatable {
    public var hiddenSize = 256
    public var hiddenAct = "relu"
    public var mlpDim = 2048
    public var numHiddenLayers = 2
    public var numAttentionHeads = 8
    public var attentionDownsampleRate = 2
    public var numMultimaskOutputs = 3
    public var iouHeadDepth = 3
    public var iouHeadHiddenDim = 256
    public var layerNormEps: Float = 1e-6

    public init() {}

    enum CodingKeys: String, CodingKey {
        case hiddenSize = "hidden_size", hiddenAct = "hidden_act", mlpDim = "mlp_dim", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", attentionDownsampleRate = "attention_downsample_rate"
        case numMultimaskOutputs = "num_multimask_outputs", iouHeadDepth = "iou_head_depth"
        case iouHeadHiddenDim = "iou_head_hidden_dim", layerNormEps = "layer_norm_eps"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SAMMaskDecoderConfig()
        hiddenSize = try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? d.hiddenSize
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? d.hiddenAct
        mlpDim = try c.decodeIfPresent(Int.self, forKey: .mlpDim) ?? d.mlpDim
        numHiddenLayers = try c.decodeIfPresent(Int.self, forKey: .numHiddenLayers) ?? d.numHiddenLayers
        numAttentionHeads = try c.decodeIfPresent(Int.self, forKey: .numAttentionHeads) ?? d.numAttentionHeads
        attentionDownsampleRate = try c.decodeIfPresent(Int.self, forKey: .attentionDownsampleRate) ?? d.attentionDownsampleRate
        numMultimaskOutputs = try c.decodeIfPresent(Int.self, forKey: .numMultimaskOutputs) ?? d.numMultimaskOutputs
        iouHeadDepth = try c.decodeIfPresent(Int.self, forKey: .iouHeadDepth) ?? d.iouHeadDepth
        iouHeadHiddenDim = try c.decodeIfPresent(Int.self, forKey: .iouHeadHiddenDim) ?? d.iouHeadHiddenDim
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? d.layerNormEps
    }

    /// Mask tokens: one per multimask output plus the single-mask one.
    public var numMaskTokens: Int { numMultimaskOutputs + 1 }
}
