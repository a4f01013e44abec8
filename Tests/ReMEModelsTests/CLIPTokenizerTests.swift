import Foundation
import ReMEModels
import Testing

/// Ids from transformers 5.24's CLIPTokenizer on the real OpenAI vocabulary
/// (Tests/Fixtures/clip/tokenizer_cases.json, made by scripts/make_model_fixtures.py).
struct CLIPTokenizerTests {
    struct Case: Decodable { var text: String; var ids: [Int] }
    struct Cases: Decodable {
        var cases: [Case]
        var padded_examples: [Case]
        var pad_token_id: Int
    }

    /// The committed `bpe_simple_vocab_16e6.txt.gz`, decompressed with `gzip -dc` (Debian's gzip;
    /// the package has no zlib dependency to do it in process).
    static let tokenizer: Result<CLIPTokenizer, Error> = Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\"", Fixtures.clip("bpe_simple_vocab_16e6.txt.gz").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try CLIPTokenizer(openAIMergesText: String(decoding: data, as: UTF8.self))
    }

    static let cases: Result<Cases, Error> = Result {
        try JSONDecoder().decode(Cases.self, from: Data(contentsOf: Fixtures.clip("tokenizer_cases.json")))
    }

    @Test func vocabularyHasOpenAIsLayout() throws {
        let tok = try Self.tokenizer.get()
        #expect(tok.vocabulary.count == 49408)
        #expect(tok.startOfTextID == 49406 && tok.endOfTextID == 49407 && tok.padID == 49407)
        #expect(tok.vocabulary["!"] == 0 && tok.vocabulary["a</w>"] == 320)
    }

    @Test func idsMatchTransformersOnEveryCase() throws {
        let tok = try Self.tokenizer.get()
        let cases = try Self.cases.get().cases
        #expect(cases.count >= 1000)
        var mismatches = [String]()
        for c in cases where tok.tokenize(c.text) != c.ids {
            mismatches.append("\(c.text.debugDescription): got \(tok.tokenize(c.text)), expected \(c.ids)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
    }

    @Test func paddingAndTruncationFollowTransformers() throws {
        let tok = try Self.tokenizer.get()
        let all = try Self.cases.get()
        for c in all.padded_examples { #expect(tok.encode(c.text) == c.ids) }
        #expect(all.pad_token_id == tok.padID)
        let long = tok.encode(String(repeating: "word ", count: 200))
        #expect(long.count == 77 && long.first == 49406 && long.last == 49407)
    }
}
