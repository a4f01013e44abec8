import Foundation
import Testing
@testable import reme
import ReME

/// `reme phrases`: argument parsing and the output contract (docs/architecture.md, "What each command promises").
@Suite struct PhrasesCommandTests {
    @Test func parsesArguments() throws {
        let command = try PhrasesCommand.parse(["A cat.", "--json"])
        #expect(command.text == "A cat." && command.json)
    }

    @Test func jsonIsAnArrayOfPhraseAndRootInCaptionOrder() throws {
        guard let extractor = try? PhraseExtractor() else { Issue.record("WordNet (wordnet-base) missing"); return }
        let output = try PhrasesCommand.render(extractor.phrases(in: "Two rabbits near a traffic light."), json: true)
        #expect(output == #"[{"phrase":"two rabbits","root":"rabbit"},{"phrase":"traffic light","root":"traffic light"}]"# + "\n")
        #expect(try PhrasesCommand.render([], json: true) == "[]\n")
        #expect(try PhrasesCommand.render(extractor.phrases(in: "Two rabbits."), json: false) == "two rabbits\trabbit\n")
    }
}
