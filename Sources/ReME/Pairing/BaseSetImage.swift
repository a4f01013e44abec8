import ReMETensor

/// What initial pairing keeps of one image: the segments some phrase chose, their visual
/// features, and which segment each phrase was paired with.
public struct BaseSetImage: Sendable {
    /// `[kept, d1]` visual features (the DINOv2 ones) of the kept segments.
    public var segmentFeatures: Tensor
    /// Index of each kept segment in the image's original mask list.
    public var keptSegmentIndices: [Int]
    /// The caption's phrases in caption order.
    public var phrases: [RootedPhrase]
    /// For phrase `j`, the kept segment (row of `segmentFeatures`) it is paired with.
    public var pairedSegment: [Int]
    /// For phrase `j`, the cross-modal similarity of its pair (`max_i sim[i][j]`), kept for
    /// the CLIP-score filtering baseline.
    public var pairScore: [Float]

    public var keptCount: Int { keptSegmentIndices.count }
}
