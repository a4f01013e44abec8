import Testing
import ReMEText

@Suite struct WordNetNounsTests {
    static let nouns = Result { try WordNetNouns.shared() }

    @Test func profilesSeparateThingsPositionsAndAbstractions() throws {
        let wn = try Self.nouns.get()
        #expect(try #require(wn.profile(of: "man")).physical > 0.9)
        #expect(try #require(wn.profile(of: "sky")).physical == 1)
        #expect(try #require(wn.profile(of: "left")).location > 0.5)
        let day = try #require(wn.profile(of: "day"))
        #expect(day.physical == 0 && day.location == 0 && day.abstract == 1)
        #expect(try #require(wn.profile(of: "parking lot")).location == 1)
        #expect(wn.profile(of: "qqqsep") == nil)
    }

    @Test func sensesCarryTheirConcordanceCounts() throws {
        let senses = try Self.nouns.get().senses(of: "book")
        #expect(senses.first?.file == .communication && (senses.first?.tagCount ?? 0) > 10)
        #expect(senses.contains { $0.file == .artifact })
    }

    @Test func relationsAreDirectedAndBounded() throws {
        let wn = try Self.nouns.get()
        #expect(wn.relation(of: "puppy", to: "dog") == .hyponym(steps: 1))
        #expect(wn.relation(of: "dog", to: "puppy") == nil)
        #expect(wn.relation(of: "man", to: "person") == .hyponym(steps: 2))
        #expect(wn.relation(of: "man", to: "person", maxSteps: 1) == nil)
        #expect(wn.relation(of: "sofa", to: "couch") == .synonym)
        #expect(wn.relation(of: "dog", to: "tomato") == nil)
        #expect(wn.relation(of: "grass", to: "sea") == nil)
    }

    @Test func aMissingDatabaseIsNamed() {
        #expect(throws: WordNetError.missingFile(path: "/nonexistent/data.noun")) { try WordNetNouns(directory: "/nonexistent") }
    }
}
