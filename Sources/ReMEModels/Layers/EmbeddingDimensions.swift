extension CLIPVisionTower {
    /// Width of `image_embeds` (the projection), or of `pooler_output` without one.
    public var embeddingDimension: Int { projection?.outFeatures ?? config.hiddenSize }
}

extension CLIPTextTower {
    /// Width of `text_embeds` (the projection), or of `pooler_output` without one.
    public var embeddingDimension: Int { projection?.outFeatures ?? config.hiddenSize }
}
