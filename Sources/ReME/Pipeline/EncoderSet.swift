import ReMEModels

/// The encoders a command needs, loaded once and reused for every image.
public struct EncoderSet: Sendable {
    public let text: CLIPTextEmbedder
    public let crops: CLIPCropEmbedder?
    public let region: DenseRegionEmbedder?
    public let clipIdentity: ModelIdentity
    public let visualIdentity: ModelIdentity?

    /// - Parameters:
    ///   - clip: CLIP folder or hub id (text tower always; vision tower when `crops`).
    ///   - visual: the visual-feature model (DINOv2 or CLIP), when `region`.
    public static func load(clip: String, visual: String?, crops: Bool, region: Bool,
                            denseShortSide: Int = 448) throws(ModelError) -> EncoderSet {
        let clipFolder = try ModelFolder.resolve(clip)
        let text = try CLIPTextEmbedder(folder: clipFolder)
        let cropEncoder = crops ? try CLIPCropEmbedder(folder: clipFolder) : nil
        var regionEncoder: DenseRegionEmbedder?
        var visualIdentity: ModelIdentity?
        if region {
            guard let visual else { throw .invalidInput("a visual model is needed to embed segments") }
            let folder = try ModelFolder.resolve(visual)
            regionEncoder = try DenseRegionEmbedder(folder: folder, shortSide: denseShortSide)
            visualIdentity = try ModelIdentity(folder: folder, name: visual)
        }
        return EncoderSet(text: text, crops: cropEncoder, region: regionEncoder,
                          clipIdentity: try ModelIdentity(folder: clipFolder, name: clip), visualIdentity: visualIdentity)
    }

    /// Throws when `reference` was built with other encoders than these.
    public func checkCompatible(with provenance: [String: String], path: String) throws(PipelineError) {
        if let recorded = ModelIdentity.recorded(in: provenance, prefix: "clip"), !recorded.matches(clipIdentity) {
            throw .encoderMismatch(path: path, role: "CLIP", recorded: recorded.description, loaded: clipIdentity.description)
        }
        if let loaded = visualIdentity, let recorded = ModelIdentity.recorded(in: provenance, prefix: "visual"),
           !recorded.matches(loaded) {
            throw .encoderMismatch(path: path, role: "visual", recorded: recorded.description, loaded: loaded.description)
        }
    }
}

/// Failures that come from combining the pieces (models, reference sets, labels).
public enum PipelineError: Error, CustomStringConvertible, Sendable {
    case encoderMismatch(path: String, role: String, recorded: String, loaded: String)
    case labels(String)
    case noLabels
    case visualModelMissing
    case featureWidth(path: String, reference: Int, encoder: Int)

    public var description: String {
        switch self {
        case let .encoderMismatch(path, role, recorded, loaded):
            return "\(path) was built with the \(role) model \(recorded), but \(loaded) is loaded"
        case let .labels(message):
            return message
        case .noLabels:
            return "no labels given"
        case .visualModelMissing:
            return "a reference set needs a visual model to embed segments"
        case let .featureWidth(path, reference, encoder):
            return "\(path) holds \(reference)-wide segment features, the visual model gives \(encoder)"
        }
    }
}
