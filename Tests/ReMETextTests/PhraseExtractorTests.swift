import Foundation
import Testing
@testable import ReMEText

/// Noun phrases and roots on hand-written example captions covering each rule of docs/text.md.
@Suite struct PhraseExtractorTests {
    static func pairs(_ caption: String) throws -> [String] {
        try #require(TextFixtures.extractor).phrases(in: caption).map { "\($0.text)|\($0.root)" }
    }

    @Test(arguments: [
        ("A cute white rabbit sits on a wooden dining table.", ["cute white rabbit|rabbit", "wooden dining table|dining table"]),
        ("Two rabbits and three children are playing in the leaves.", ["two rabbits|rabbit", "three children|child", "leaves|leaf"]),
        ("A traffic light next to a fire hydrant, a teddy bear and a hot dog.",
         ["traffic light|traffic light", "fire hydrant|fire hydrant", "teddy bear|teddy bear", "hot dog|hot dog"]),
        ("A pair of scissors lies next to a group of people.", ["pair of scissors|scissors", "group of people|people"]),
        ("A bunch of ripe bananas and a piece of cake.", ["bunch of ripe bananas|banana", "piece of cake|cake"]),
        ("The dog's collar is red.", ["dog|dog", "collar|collar"]),
        ("The girls' bicycles are parked outside.", ["girls|girl", "bicycles|bicycle"]),
        ("A black-and-white cat sleeps on the sofa.", ["black-and-white cat|cat", "sofa|sofa"]),
        ("A black and white cat sleeps.", ["black and white cat|cat"]),
        ("A cat and a dog.", ["cat|cat", "dog|dog"]),
        ("Cats and dogs.", ["cats|cat", "dogs|dog"]),
        ("A man in a red shirt is holding an umbrella.", ["man|man", "red shirt|shirt", "umbrella|umbrella"]),
        ("A woman who is wearing a large straw hat walks her dog.", ["woman|woman", "large straw hat|straw hat", "dog|dog"]),
        ("The image features a large, fluffy dog lying on the grass.", ["image|image", "large, fluffy dog|dog", "grass|grass"]),
        ("The women wear glasses and shorts.", ["women|woman", "glasses|glasses", "shorts|shorts"]),
        ("Is it raining?", [String]()),
        ("Very beautiful!", [String]()),
        ("A man is riding a wave on top of a surfboard.", ["man|man", "wave|wave", "top|top", "surfboard|surfboard"]),
        ("The sky is blue and the clouds are white.", ["sky|sky", "clouds|cloud"]),
        ("A kitchen with wooden cabinets, a stainless steel refrigerator and a sink.",
         ["kitchen|kitchen", "wooden cabinets|cabinet", "stainless steel refrigerator|refrigerator", "sink|sink"]),
        ("Several people stand near a bus stop while a bus drives by.", ["people|people", "bus stop|bus stop", "bus|bus"]),
        ("The painting shows Mona Lisa with a dog.", ["painting|painting", "mona lisa|mona lisa", "dog|dog"]),
        // Noun conjuncts that carry their own modifiers, or meet an adjective, are two phrases.
        ("A woman wearing a white hat and blue shirt.", ["woman|woman", "white hat|hat", "blue shirt|shirt"]),
        ("He has a backpack and dark glasses.", ["backpack|backpack", "dark glasses|glasses"]),
        ("Food and water bowls.", ["food and water bowls|bowl"]),
        // WordNet nouns with "of"; a word with an inner apostrophe is one token.
        ("A dog swims in a body of water at 2 o'clock.", ["dog|dog", "body of water|body of water"]),
        ("Here O'Neill holds a cup.", ["o'neill|o'neill", "cup|cup"]),
    ])
    func examples(caption: String, expected: [String]) throws {
        #expect(try Self.pairs(caption) == expected)
    }

    @Test func rangesPointIntoTheCaption() throws {
        let caption = "Look: the Cute white RABBIT is here."
        let extractor = try #require(TextFixtures.extractor)
        let phrase = try #require(extractor.phrases(in: caption).first)
        #expect(caption[phrase.range] == "Cute white RABBIT")
        #expect(phrase.text == "cute white rabbit")
    }

    @Test func phrasesComeInCaptionOrder() throws {
        let phrases = try #require(TextFixtures.extractor).phrases(in: "A dog, a cat, a bird, a horse and a cow.")
        #expect(phrases.map(\.root) == ["dog", "cat", "bird", "horse", "cow"])
        #expect(zip(phrases, phrases.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
    }
}
