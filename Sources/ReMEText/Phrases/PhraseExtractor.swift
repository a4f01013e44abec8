/// Extracts noun phrases and their roots from English captions (see docs/text.md).
///
/// Rule-based and linear in the caption's length: tokenize, tag with WordNet and closed-class
/// lists, chunk. Text in other languages or scripts yields phrases only where words look
/// like English nouns to WordNet; it never fails.
public struct PhraseExtractor: Sendable {
    private let tagger: PartOfSpeechTagger
    private let chunker: NounPhraseChunker
    /// The lexicon's `WordNetLexicon.summary`: what the phrases depend on besides the caption.
    public let lexiconSummary: String

    public init(lexicon: WordNetLexicon) {
        lexiconSummary = lexicon.summary
        let lemmatizer = NounLemmatizer(lexicon: lexicon)
        tagger = PartOfSpeechTagger(morphy: lemmatizer.morphy)
        chunker = NounPhraseChunker(lemmatizer: lemmatizer)
    }

    /// Loads the WordNet database from its default folder (see `WordNetLexicon.defaultDirectory`).
    public init() throws(WordNetError) {
        self.init(lexicon: try WordNetLexicon.shared())
    }

    /// The noun phrases of `caption`, in caption order.
    public func phrases(in caption: String) -> [NounPhrase] {
        chunker.chunk(tagger.tag(Tokenizer.tokenize(caption)))
    }

    /// Debugging aid: each token with its tag, e.g. `man/noun`.
    public func taggedTokens(in caption: String) -> [String] {
        tagger.tag(Tokenizer.tokenize(caption)).map { "\($0.token.lower)/\($0.tag)" }
    }
}
