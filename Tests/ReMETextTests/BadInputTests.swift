import Foundation
import Testing
@testable import ReMEText

/// Empty, huge, non-English and invalid input: never a crash, sensible output, linear time.
@Suite struct BadInputTests {
    @Test func emptyAndPunctuationOnly() throws {
        let extractor = try #require(TextFixtures.extractor)
        #expect(extractor.phrases(in: "").isEmpty)
        #expect(extractor.phrases(in: "   \n\t ").isEmpty)
        #expect(extractor.phrases(in: "...!?,;:'\"-- ''").isEmpty)
        #expect(extractor.phrases(in: "'s 's ' -").isEmpty)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let extractor = try #require(TextFixtures.extractor)
        let bytes: [UInt8] = Array("a red car".utf8) + [0xFF, 0xFE, 0xC3] + Array(" and a dog".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(extractor.phrases(in: text).map(\.root) == ["car", "dog"])
        let inside = String(decoding: Array("a red ".utf8) + [0xFF] + Array(" car".utf8), as: UTF8.self)
        #expect(extractor.phrases(in: inside).map(\.text) == ["red car"])
    }

    @Test func nonEnglishTextYieldsFewPhrasesAndNoCrash() throws {
        let extractor = try #require(TextFixtures.extractor)
        #expect(extractor.phrases(in: "猫がソファで寝ている。").isEmpty)
        #expect(extractor.phrases(in: "Кошка спит на диване.").isEmpty)
        let german = extractor.phrases(in: "Die Katze schläft auf dem Sofa.")
        #expect(german.allSatisfy { !$0.text.contains("schläft") })
        #expect(extractor.phrases(in: "🐱 on a 🛋️ with a dog 🐶").map(\.root) == ["dog"])
    }

    @Test func hundredKilobyteCaptionIsLinear() throws {
        let extractor = try #require(TextFixtures.extractor)
        let sentence = "A small brown dog with a red collar sits next to a wooden bench in the park. "
        let small = String(repeating: sentence, count: 130)  // ~10 kB
        let large = String(repeating: sentence, count: 1300)  // ~100 kB
        #expect(large.utf8.count >= 100_000)
        /// The fastest of `runs` timings (robust to a busy machine).
        func fastest(_ text: String, runs: Int) -> (Double, Int) {
            var best = Double.infinity, count = 0
            for _ in 0..<runs {
                let start = Date()
                count = extractor.phrases(in: text).count
                best = min(best, Date().timeIntervalSince(start))
            }
            return (best, count)
        }
        let (smallTime, smallCount) = fastest(small, runs: 3)
        let (largeTime, largeCount) = fastest(large, runs: 2)
        #expect(smallCount == 130 * 4)
        #expect(largeCount == 10 * smallCount)
        let ratio = largeTime / max(smallTime, 1e-4)
        // Linear: 10× the text takes about 10× the time (a quadratic pass would be ~100×).
        #expect(ratio < 30, "10× longer caption took \(ratio)× as long")
        #expect(largeTime < 10)
    }

    @Test func oneHugeTokenIsFine() throws {
        let extractor = try #require(TextFixtures.extractor)
        let word = String(repeating: "a", count: 100_000)
        #expect(extractor.phrases(in: "the " + word).count == 1)
        #expect(extractor.phrases(in: String(repeating: "-", count: 100_000)).isEmpty)
    }
}
