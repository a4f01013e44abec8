import Foundation
import ReMEText

/// Paths and shared objects for the ReMEText tests.
enum TextFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/text")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

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
