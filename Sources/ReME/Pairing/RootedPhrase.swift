/// A noun phrase from a caption with its root: the lemmatised head noun
/// ("a cute white rabbit" → "rabbit").
public struct RootedPhrase: Hashable, Sendable, Codable {
    public var text: String
    public var root: String

    public init(text: String, root: String) {
        self.text = text
        self.root = root
    }
}
