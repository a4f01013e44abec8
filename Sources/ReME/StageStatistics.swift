/// What each stage of the global stage did, recorded in the reference set's provenance.
public struct StageStatistics: Sendable, Codable, Equatable {
    public var images = 0
    public var basePairs = 0
    public var baseSegments = 0
    public var ambiguousRemovedPairs = 0
    public var ambiguousDroppedRoots: [String] = []
    public var groupRemovedPairs = 0
    public var clipScoreRemovedPairs = 0
    public var enhancementAddedPairs = 0
    public var synonymPairs: [[String]] = []
    public var finalSegments = 0
    public var finalPhrases = 0
    public var finalPairs = 0

    public init() {}
}
