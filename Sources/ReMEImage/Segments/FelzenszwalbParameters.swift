/// The dataset presets of docs/specification.md, Part 1 step 2 (FreeDA's settings, which ReME follows).
public enum SegmentPreset: String, CaseIterable, Sendable {
    case voc, context, ade, stuff, cityscapes
}

/// Felzenszwalb–Huttenlocher parameters with scikit-image's meaning: `scale` on the 0…255
/// scale (divided by 255 internally, as scikit-image does for float images), Gaussian `sigma`
/// in pixels, `minSize` in pixels.
public struct FelzenszwalbParameters: Sendable, Equatable {
    public var scale: Double
    public var sigma: Double
    public var minSize: Int

    public init(scale: Double = 100, sigma: Double = 1.0, minSize: Int = 20) {
        self.scale = scale
        self.sigma = sigma
        self.minSize = minSize
    }

    public init(preset: SegmentPreset) {
        switch preset {
        case .voc: self.init(scale: 100, sigma: 0.7, minSize: 20)
        case .context, .ade: self.init(scale: 100, sigma: 1.0, minSize: 20)
        case .stuff: self.init(scale: 100, sigma: 1.0, minSize: 100)
        case .cityscapes: self.init(scale: 20, sigma: 0.5, minSize: 50)
        }
    }

    func validate() throws(SegmentationError) {
        guard scale.isFinite, scale >= 0 else {
            throw .invalidParameter(name: "scale", value: "\(scale)", expected: "a finite number ≥ 0")
        }
        guard sigma.isFinite, sigma >= 0, sigma <= 100 else {
            throw .invalidParameter(name: "sigma", value: "\(sigma)", expected: "a number in 0…100")
        }
        guard minSize >= 0 else {
            throw .invalidParameter(name: "min-size", value: "\(minSize)", expected: "an integer ≥ 0")
        }
    }
}
