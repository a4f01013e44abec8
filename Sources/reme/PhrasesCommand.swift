import ArgumentParser
import Foundation
import ReME

/// `reme phrases TEXT [--json]`: noun phrases and their roots, in caption order.
struct PhrasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrases",
        abstract: "Extract noun phrases and their root nouns from a caption.",
        discussion: "Uses the WordNet database (Debian `wordnet-base`, or $WNSEARCHDIR)."
    )

    @Argument(help: "The caption text ('-' reads it from standard input).")
    var text: String

    @Flag(help: "Print a JSON array of {\"phrase\", \"root\"} objects.")
    var json = false

    @Flag(help: ArgumentHelp("Print each token with its part-of-speech tag (debugging).", visibility: .hidden))
    var tags = false

    func run() throws {
        let caption = text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
        let extractor = try PhraseExtractor()
        if tags {
            print(extractor.taggedTokens(in: caption).joined(separator: " "))
        }
        print(try Self.render(extractor.phrases(in: caption), json: json), terminator: "")
    }

    /// The command's output: a JSON array of `{"phrase", "root"}` (one line), or one
    /// `phrase<TAB>root` line per phrase.
    static func render(_ phrases: [NounPhrase], json: Bool) throws -> String {
        guard json else { return phrases.map { "\($0.text)\t\($0.root)\n" }.joined() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(phrases.map { PhraseJSON(phrase: $0.text, root: $0.root) })
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// One element of `reme phrases --json`'s output.
private struct PhraseJSON: Encodable {
    var phrase: String
    var root: String
}
