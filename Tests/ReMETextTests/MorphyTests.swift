import Testing
@testable import ReMEText

/// WordNet morphy and the root lemmatizer.
@Suite struct MorphyTests {
    @Test(arguments: [
        ("rabbits", "rabbit"), ("children", "child"), ("leaves", "leaf"), ("women", "woman"),
        ("people", "people"), ("boxes", "box"), ("buses", "bus"), ("glass", "glass"),
        ("glasses", "glasses"), ("scissors", "scissors"), ("benches", "bench"), ("dishes", "dish"),
        ("berries", "berry"), ("mice", "mouse"), ("feet", "foot"), ("geese", "goose"),
        ("knives", "knife"), ("arms", "arm"), ("traffic lights", "traffic light"),
        ("fire hydrants", "fire hydrant"), ("teddy bears", "teddy bear"), ("cacti", "cactus"),
        ("zebra", "zebra"), ("qwertyzz", "qwertyzz"),
    ])
    func nounLemmas(word: String, lemma: String) throws {
        let lexicon = try #require(TextFixtures.lexicon)
        #expect(NounLemmatizer(lexicon: lexicon).lemma(word) == lemma)
    }

    @Test func morphyUsesExceptionsAndDetachmentRules() throws {
        let morphy = Morphy(lexicon: try #require(TextFixtures.lexicon))
        #expect(morphy.baseForms("ran", pos: .verb) == ["run"])
        #expect(morphy.baseForms("sitting", pos: .verb).contains("sit"))
        #expect(morphy.baseForms("parked", pos: .verb) == ["park"])
        #expect(morphy.baseForms("larger", pos: .adjective).contains("large"))
        #expect(morphy.baseForms("biggest", pos: .adjective).contains("big"))
        #expect(morphy.baseForms("dogs", pos: .noun) == ["dog"])
        #expect(morphy.baseForms("xyzzy", pos: .noun).isEmpty)
    }

    @Test func lexiconKnowsPartsOfSpeechAndFrequencies() throws {
        let lexicon = try #require(TextFixtures.lexicon)
        let run = try #require(lexicon.info("run"))
        #expect(run.has(.noun) && run.has(.verb))
        #expect(run.frequency(.verb) > run.frequency(.noun))
        #expect(lexicon.contains("hot dog", as: .noun))
        #expect(lexicon.exceptionBases("children", pos: .noun) == ["child"])
        #expect(lexicon.longestNounCollocation >= 3)
    }

    @Test func missingDatabaseIsAClearError() {
        #expect(throws: WordNetError.missingFile(path: "/nonexistent/index.noun")) {
            try WordNetLexicon(directory: "/nonexistent")
        }
        #expect(WordNetError.missingFile(path: "/x/index.noun").description.contains("wordnet-base"))
    }
}
