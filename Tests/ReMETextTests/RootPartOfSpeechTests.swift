import Foundation
import Testing
@testable import ReMEText

/// Roots are nouns: on each quality corpus, the distinct roots that WordNet knows only as a
/// verb, adjective or adverb, or whose noun reading is rare next to those, are counted and listed
/// (docs/text.md). Some are right in context ("dressed in blue", "a fruit stand"), so the
/// count is bounded, not zero.
struct RootPartOfSpeechTests {
    /// A noun reading is rare when the concordance saw it under an eighth as often as the
    /// word's verb and adjective readings together ("graze" 0 : 5, "drive" 22 : 128).
    static let rareNounRatio = 8

    enum Reading { case noun, rareNoun, notNoun }

    static func reading(of root: String, in lexicon: WordNetLexicon) -> Reading {
        // Multi-word roots are WordNet nouns; words WordNet lacks are names or guesses.
        guard !root.contains(" "), let info = lexicon.info(root) else { return .noun }
        guard info.has(.noun) else { return .notNoun }
        let other = info.frequency(.verb) + info.frequency(.adjective)
        return info.frequency(.noun) * rareNounRatio < other ? .rareNoun : .noun
    }

    @Test(arguments: TextFixtures.qualityCorpora)
    func fewRootsAreVerbsOrAdjectives(corpus: TextFixtures.QualityCorpus) throws {
        let extractor = try #require(TextFixtures.extractor)
        let lexicon = try #require(TextFixtures.lexicon)
        let rows = try PhraseQualityTests.load(corpus.captions, as: PhraseQualityTests.Row.self)
        var phrasesByRoot: [String: [String]] = [:]
        for row in rows {
            for phrase in extractor.phrases(in: row.caption) {
                phrasesByRoot[phrase.root, default: []].append("\(row.id):\(phrase.text)")
            }
        }
        var notNouns: [String] = [], rareNouns: [String] = []
        for root in phrasesByRoot.keys.sorted() {
            switch Self.reading(of: root, in: lexicon) {
            case .noun: break
            case .rareNoun: rareNouns.append(root)
            case .notNoun: notNouns.append(root)
            }
        }
        print("\(corpus.name): \(notNouns.count + rareNouns.count) of \(phrasesByRoot.count) distinct roots are "
              + "not WordNet nouns (\(notNouns.count)) or rarely (\(rareNouns.count))")
        for root in notNouns + rareNouns {
            let examples = phrasesByRoot[root, default: []]
            print("  \(root): \(examples.prefix(3).joined(separator: "; "))\(examples.count > 3 ? " (\(examples.count))" : "")")
        }
        #expect(notNouns.count + rareNouns.count <= corpus.maximumRareNounRoots)
    }
}
