extension CLIPVisionTower {
    /// Width of `image_embeds` (the projection), or of `pooler_output` without one.
    public var embeddingDimension: Int { projection?.outFeatures ?? config.hiddenSize }
}

extension CLIPTextTower {
    /// Width of `text_embeds` (the projection), or of `pooler_output` without one.
    public var embeddingDimension: Int { projection?.outFeatures ?? config.hiddenSize }
}

extension ImageEncoder {
    /// Width of the features the method uses: CLIP's projected embedding, DINOv2's hidden size.
    public var featureDimension: Int {
        switch self {
        case let .clip(t): return t.embeddingDimension
        case let .dinov2(m): return m.config.hiddenSize
        }
    }

    /// Tokens before the patch tokens in `last_hidden_state` (class token, registers).
    public var prefixTokenCount: Int {
        switch self {
        case .clip: return 1
        case let .dinov2(m): return m.prefixTokens
        }
    }
}
