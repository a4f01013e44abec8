/// A noun phrase found in a caption.
public struct NounPhrase: Sendable, Equatable, Hashable {
    /// The phrase as written, lowercased, leading determiners and quantifiers stripped,
    /// adjectives, numerals and noun modifiers kept ("cute white rabbit", "two dogs").
    public var text: String
    /// The head noun's lemma ("rabbit"), a WordNet multi-word noun when the phrase ends in one
    /// ("traffic light"), or for "pair of scissors"-style phrases the noun after "of".
    public var root: String
    /// Where `text` lies in the caption (from its first kept word to its head).
    public var range: Range<String.Index>

    public init(text: String, root: String, range: Range<String.Index>) {
        self.text = text
        self.root = root
        self.range = range
    }
}
