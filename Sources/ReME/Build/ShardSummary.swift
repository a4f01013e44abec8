/// Progress of the per-image stage: first every image that has a record is checked against
/// its key, then the images that need it are processed.
public struct BuildProgress: Sendable {
    public enum Phase: Sendable { case checking, processing }
    public var phase: Phase
    public var done: Int
    public var total: Int
    public var skipped: Int
    public var image: String
}

/// Outcome of one shard's per-image stage.
public struct ShardSummary: Sendable {
    /// The shard's images (those with a caption).
    public var images: Int
    /// Images whose record matched their key and was kept.
    public var reused: Int
    /// Images that had no record yet.
    public var new: Int
    /// Images processed again, by the first reason that applied.
    public var recomputed: [RecomputeReason: Int]
    /// Images of the shard's previous run that are no longer in the input (image removed
    /// from the folder or its caption from the captions): left out of the build.
    public var dropped: [String]
    /// The shard's images in the folder that have no caption: not part of the build.
    public var withoutCaption: [String]
    public var skipped: [(image: String, reason: String)]
    public var pairs: Int

    public var recomputedCount: Int { recomputed.values.reduce(0, +) }
    public var processedNow: Int { new + recomputedCount }
}
