import ReME
import ReMEImage

/// Per-request settings of `POST /v1/segment` besides the image and labels (docs/serve.md).
public struct SegmentSettings: Sendable, Hashable {
    /// Pixels whose best normalised score is below this get the label named 'background'.
    public var backgroundThreshold: Float?
    /// τ₁ of the retrieval (Eq. 1); nil: the server's.
    public var visualTemperature: Float?
    /// τ₂ (Eq. 2), or the CLIP-only baseline's temperature; nil: the server's.
    public var textTemperature: Float?
    /// Eq. 1's top-k cut; nil: the server's.
    public var topK: Int?

    public init(backgroundThreshold: Float? = nil, visualTemperature: Float? = nil, textTemperature: Float? = nil, topK: Int? = nil) {
        self.backgroundThreshold = backgroundThreshold
        self.visualTemperature = visualTemperature
        self.textTemperature = textTemperature
        self.topK = topK
    }

    /// The retrieval part (which selects a pipeline and its caches).
    var retrievalKey: SegmentSettings { SegmentSettings(visualTemperature: visualTemperature, textTemperature: textTemperature, topK: topK) }
}

/// The seam between the HTTP layer and the method: labels one decoded image. Runs on a worker
/// thread, one call per inference slot; conformers must be safe to call from several at once.
public protocol ImageSegmenting: Sendable {
    func segment(_ image: PixelImage, labels: [String], settings: SegmentSettings) throws -> SegmentationOutput
}
