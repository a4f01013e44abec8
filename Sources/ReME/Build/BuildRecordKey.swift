/// Everything one image's `BuildRecord` depends on. A record is reused on resume only when
/// its key equals the key of the image as it is now.
public struct BuildRecordKey: Codable, Hashable, Sendable {
    /// The image file's bytes; nil when the file could not be read.
    public var image: ContentDigest?
    /// The caption's text (UTF-8).
    public var caption: ContentDigest
    /// The bytes of the image's external masks file; nil without external masks, or when
    /// the masks source has no file for the image.
    public var masks: ContentDigest?
    /// The settings shared by every image: see `PerImageSettings`.
    public var settings: ContentDigest

    public init(image: ContentDigest?, caption: ContentDigest, masks: ContentDigest?, settings: ContentDigest) {
        self.image = image
        self.caption = caption
        self.masks = masks
        self.settings = settings
    }

    /// Why a record made under `recorded` cannot stand for an image whose key is `self`;
    /// nil when it can. Settings come first: they change every image at once.
    public func recomputeReason(against recorded: BuildRecordKey?) -> RecomputeReason? {
        guard let recorded else { return .unkeyed }
        if settings != recorded.settings { return .settingsChanged }
        if image != recorded.image { return .imageChanged }
        if masks != recorded.masks { return .masksChanged }
        if caption != recorded.caption { return .captionChanged }
        return nil
    }
}

/// Why an image that already had a record was processed again.
public enum RecomputeReason: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The record was written before records carried keys, so nothing says it is current.
    case unkeyed = "recorded without a key by an older reme"
    case settingsChanged = "settings changed"
    case imageChanged = "image changed"
    case masksChanged = "masks changed"
    case captionChanged = "caption changed"

    public var description: String { rawValue }
}
