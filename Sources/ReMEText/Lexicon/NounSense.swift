/// One WordNet noun sense of a lemma: its synset, category and concordance frequency.
public struct NounSense: Sendable, Equatable {
    /// Byte offset of the synset in `data.noun`: the synset's identity.
    public var synset: UInt32
    public var file: LexicographerFile
    /// Times the sense was tagged in WordNet's semantic concordance (`cntlist.rev`), 0 if never.
    public var tagCount: Int
    /// A proper name (the synset has an instance hypernym: "Day", the writer; "Park", the explorer).
    public var isInstance: Bool
}

/// How one noun relates to another through WordNet.
public enum NounRelation: Sendable, Equatable {
    /// A salient sense of each is the same synset ("sofa" / "couch").
    case synonym
    /// A salient sense of the first is a hyponym of one of the second, `steps` hypernym links
    /// up ("puppy" → "dog": 1; "man" → adult → "person": 2).
    case hyponym(steps: Int)
}
