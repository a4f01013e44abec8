import Foundation
import ReMEText

/// Paths and shared objects for the ReMEText tests.
enum TextFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/text")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The phrase-quality corpus (376 real descriptions and spaCy's chunks of them) is made by
    /// scripts/text_make_caption_set.py and scripts/text_spacy_reference.py into
    /// `$REME_CAPTION_SET` (default /tmp/reme-caption-set). It is not committed: it comes from a
    /// third-party repository whose data may not be redistributed here (docs/text.md).
    static let qualityCorpus = URL(fileURLWithPath: ProcessInfo.processInfo.environment["REME_CAPTION_SET"]
                                   ?? "/tmp/reme-caption-set")
    static var qualityCorpusAvailable: Bool {
        FileManager.default.fileExists(atPath: qualityCorpus.appendingPathComponent("llava_captions.jsonl").path)
            && FileManager.default.fileExists(atPath: qualityCorpus.appendingPathComponent("llava_captions_spacy.jsonl").path)
    }

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
