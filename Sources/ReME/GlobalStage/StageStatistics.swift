/// What each stage of the global stage did, recorded in the reference set's provenance.
public struct StageStatistics: Sendable, Codable, Equatable {
    public var images = 0
    public var basePairs = 0
    public var baseSegments = 0
    public var ambiguousRemovedPairs = 0
    public var ambiguousDroppedRoots: [String] = []
    public var groupRemovedPairs = 0
    public var reassignedPairs = 0
    public var clipScoreRemovedPairs = 0
    public var enhancementAddedPairs = 0
    public var synonymPairs: [[String]] = []
    public var finalSegments = 0
    public var finalPhrases = 0
    public var finalPairs = 0

    public init() {}

    /// Every field is optional in the file, so statistics written before a field existed still load.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        images = try c.decodeIfPresent(Int.self, forKey: .images) ?? 0
        basePairs = try c.decodeIfPresent(Int.self, forKey: .basePairs) ?? 0
        baseSegments = try c.decodeIfPresent(Int.self, forKey: .baseSegments) ?? 0
        ambiguousRemovedPairs = try c.decodeIfPresent(Int.self, forKey: .ambiguousRemovedPairs) ?? 0
        ambiguousDroppedRoots = try c.decodeIfPresent([String].self, forKey: .ambiguousDroppedRoots) ?? []
        groupRemovedPairs = try c.decodeIfPresent(Int.self, forKey: .groupRemovedPairs) ?? 0
        reassignedPairs = try c.decodeIfPresent(Int.self, forKey: .reassignedPairs) ?? 0
        clipScoreRemovedPairs = try c.decodeIfPresent(Int.self, forKey: .clipScoreRemovedPairs) ?? 0
        enhancementAddedPairs = try c.decodeIfPresent(Int.self, forKey: .enhancementAddedPairs) ?? 0
        synonymPairs = try c.decodeIfPresent([[String]].self, forKey: .synonymPairs) ?? []
        finalSegments = try c.decodeIfPresent(Int.self, forKey: .finalSegments) ?? 0
        finalPhrases = try c.decodeIfPresent(Int.self, forKey: .finalPhrases) ?? 0
        finalPairs = try c.decodeIfPresent(Int.self, forKey: .finalPairs) ?? 0
    }
}
