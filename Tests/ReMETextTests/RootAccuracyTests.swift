import Foundation
import Testing
@testable import ReMEText

/// Root accuracy on hand-checked phrases of each quality corpus (`roots_hand_checked.tsv`
/// beside the committed corpus, `llava_roots_hand_checked.tsv` for the optional one).
struct RootAccuracyTests {
    @Test(arguments: TextFixtures.qualityCorpora)
    func rootsMatchHandCheckedOnes(corpus: TextFixtures.QualityCorpus) throws {
        let extractor = try #require(TextFixtures.extractor)
        let captions = try PhraseQualityTests.load(corpus.captions, as: PhraseQualityTests.Row.self)
        let byID = Dictionary(captions.map { ($0.id, $0.caption) }, uniquingKeysWith: { a, _ in a })
        let lines = try String(contentsOf: corpus.roots, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        var correct = 0
        var wrong: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let id = Int(fields[0]), let caption = byID[id] else {
                Issue.record("bad row: \(line)"); continue
            }
            // The phrase as extracted when the file was written; if the chunker has changed it
            // since, the phrase that overlaps it.
            let phrases = extractor.phrases(in: caption)
            let exact = phrases.first { $0.text == fields[1] }
            let found = exact ?? phrases.first { fields[1].contains($0.text) || $0.text.contains(fields[1]) }
            let ok = fields[2] == "-" ? exact == nil : found?.root == fields[2]
            if ok { correct += 1 } else { wrong.append("\(id) \(fields[1]) → \(found?.root ?? "(no phrase)"), want \(fields[2])") }
        }
        let accuracy = Double(correct) / Double(max(lines.count, 1))
        print(String(format: "%@: root accuracy %.4f (%d of %d hand-checked phrases)", corpus.name, accuracy, correct, lines.count))
        for w in wrong { print("  wrong root: \(w)") }
        #expect(lines.count >= 100)
        #expect(accuracy >= 0.95)
    }
}
