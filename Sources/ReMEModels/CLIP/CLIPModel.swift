import ReMETensor

/// A CLIP checkpoint: both towers of a `CLIPModel`, or the single tower a
/// `CLIPVisionModelWithProjection` / `CLIPTextModelWithProjection` checkpoint holds.
public struct CLIPModel: Sendable {
    public let config: CLIPConfig
    public let vision: CLIPVisionTower?
    public let text: CLIPTextTower?

    public enum Towers: Sendable { case both, vision, text }

    /// Loads the towers asked for; the other tower's tensors are skipped on purpose, and every
    /// other tensor the model does not use is reported as an error.
    public init(config: CLIPConfig, weights: any WeightSource, towers: Towers = .both) throws(ModelError) {
        self.config = config
        let w = WeightLoader(weights)
        let wantVision = towers != .text, wantText = towers != .vision
        if wantVision, let vc = config.vision {
            vision = try CLIPVisionTower(config: vc, projectionDim: config.projectionDim, weights: w)
        } else {
            vision = nil
            w.ignore { $0.hasPrefix("vision_model.") || $0.hasPrefix("visual_projection.") }
        }
        if wantText, let tc = config.text {
            text = try CLIPTextTower(config: tc, projectionDim: config.projectionDim, weights: w)
        } else {
            text = nil
            w.ignore { $0.hasPrefix("text_model.") || $0.hasPrefix("text_projection.") }
        }
        if wantVision, vision == nil { throw .invalidInput("this CLIP checkpoint has no vision tower") }
        if wantText, text == nil { throw .invalidInput("this CLIP checkpoint has no text tower") }
        w.ignore { $0 == "logit_scale" }
        try w.finish()
    }
}
