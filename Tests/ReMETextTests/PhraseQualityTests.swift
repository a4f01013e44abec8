import Foundation
import Testing
@testable import ReMEText

/// Phrase-level agreement with spaCy's noun chunks on real image descriptions: the committed
/// Flickr30k corpus always, the LLaVA one when present (docs/text.md).
struct PhraseQualityTests {
    struct Row: Decodable { var id: Int; var caption: String; var source: String? }
    struct Reference: Decodable { var id: Int; var phrases: [String] }

    /// Our phrases as compared: "X of Y" phrases count as "X" and "Y" (spaCy chunks them apart).
    static func comparable(_ phrases: [NounPhrase]) -> [String] {
        phrases.flatMap { phrase -> [String] in
            phrase.text.components(separatedBy: " of ").filter { !$0.isEmpty }
        }
    }

    static func load<T: Decodable>(_ url: URL, as: T.Type) throws -> [T] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    @Test(arguments: TextFixtures.qualityCorpora)
    func phraseF1AgainstSpacy(corpus: TextFixtures.QualityCorpus) throws {
        let extractor = try #require(TextFixtures.extractor)
        let rows = try Self.load(corpus.captions, as: Row.self)
        let references = try Self.load(corpus.references, as: Reference.self)
        #expect(rows.count >= 300 && rows.count == references.count)
        var truePositives = 0, predicted = 0, expected = 0
        var perSource: [String: (tp: Int, predicted: Int, expected: Int)] = [:]
        var report = ""
        for (row, reference) in zip(rows, references) {
            #expect(row.id == reference.id)
            let ours = Self.comparable(extractor.phrases(in: row.caption))
            var remaining: [String: Int] = [:]
            for phrase in reference.phrases { remaining[phrase, default: 0] += 1 }
            var extra: [String] = []
            for phrase in ours {
                if let n = remaining[phrase], n > 0 { remaining[phrase] = n - 1; truePositives += 1 } else { extra.append(phrase) }
            }
            predicted += ours.count
            expected += reference.phrases.count
            if let source = row.source {
                let key = source.hasPrefix("coco") ? "COCO human captions" : "LLaVA / GPT-4 descriptions"
                var s = perSource[key] ?? (0, 0, 0)
                s.tp += ours.count - extra.count; s.predicted += ours.count; s.expected += reference.phrases.count
                perSource[key] = s
            }
            let missed = remaining.flatMap { Array(repeating: $0.key, count: $0.value) }
            if !extra.isEmpty || !missed.isEmpty {
                report += "#\(row.id)\n  extra: \(extra)\n  missed: \(missed.sorted())\n"
            }
        }
        let precision = Double(truePositives) / Double(max(predicted, 1))
        let recall = Double(truePositives) / Double(max(expected, 1))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(String(format: "%@: phrase agreement with spaCy: P %.4f R %.4f F1 %.4f (%d texts, %d ours, %d reference, %d matched)",
                     corpus.name, precision, recall, f1, rows.count, predicted, expected, truePositives))
        for (name, s) in perSource.sorted(by: { $0.key < $1.key }) {
            let p = Double(s.tp) / Double(max(s.predicted, 1)), r = Double(s.tp) / Double(max(s.expected, 1))
            print(String(format: "  %@: F1 %.4f (P %.4f R %.4f, %d reference phrases)", name, 2 * p * r / max(p + r, 1e-9), p, r, s.expected))
        }
        if let dump = ProcessInfo.processInfo.environment["REME_TEXT_EVAL_DUMP"] {
            try report.write(toFile: dump + "." + corpus.captions.deletingPathExtension().lastPathComponent,
                             atomically: true, encoding: .utf8)
        }
        #expect(f1 >= 0.90)
    }
}
