import Foundation
import ReMEText
import Testing

/// Paths and shared objects for the ReMEText tests.
enum TextFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/text")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A set of real image descriptions with spaCy's noun chunks of them and hand-checked roots.
    struct QualityCorpus: Sendable, CustomTestStringConvertible {
        var name: String
        var captions: URL
        var references: URL
        var roots: URL
        /// The most distinct roots that may be verbs/adjectives or rare nouns (RootPartOfSpeechTests).
        var maximumRareNounRoots: Int
        var testDescription: String { name }

        var isPresent: Bool {
            [captions, references, roots].allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
        }
    }

    /// Committed: 400 photos' Flickr30k captions from SNLI 1.0 (CC BY-SA 4.0; see its README).
    static let flickr = QualityCorpus(
        name: "Flickr30k captions (SNLI 1.0)",
        captions: url("flickr30k-snli/captions.jsonl"), references: url("flickr30k-snli/spacy_chunks.jsonl"),
        roots: url("flickr30k-snli/roots_hand_checked.tsv"), maximumRareNounRoots: 58)

    /// Not committed (third-party, non-commercial): 376 LLaVA / GPT-4 descriptions made by
    /// scripts/text_make_caption_set.py into `$REME_CAPTION_SET` (default /tmp/reme-caption-set).
    static let llava: QualityCorpus = {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["REME_CAPTION_SET"] ?? "/tmp/reme-caption-set")
        return QualityCorpus(
            name: "LLaVA descriptions", captions: folder.appendingPathComponent("llava_captions.jsonl"),
            references: folder.appendingPathComponent("llava_captions_spacy.jsonl"),
            roots: url("llava_roots_hand_checked.tsv"), maximumRareNounRoots: 50)
    }()

    /// The corpora the quality tests run on: the committed one always, LLaVA's when present.
    static var qualityCorpora: [QualityCorpus] { [flickr] + (llava.isPresent ? [llava] : []) }

    /// The WordNet lexicon from /usr/share/wordnet (CI installs `wordnet-base`), loaded once.
    static let lexicon: WordNetLexicon? = try? WordNetLexicon.shared()
    static let extractor: PhraseExtractor? = lexicon.map { PhraseExtractor(lexicon: $0) }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reme-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
