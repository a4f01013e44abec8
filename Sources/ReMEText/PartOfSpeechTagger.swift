import Foundation

/// Coarse part-of-speech tags: just enough to find noun-phrase boundaries.
enum Tag: Sendable, Equatable {
    case determiner, numeral, pronoun, preposition, infinitiveTo, coordinator, subordinator
    case auxiliary, verb, adjective, noun, properNoun, adverb, possessive, punctuation
}

/// A token with its tag and lexical entry.
struct TaggedToken: Sendable {
    var token: Token
    var tag: Tag
    var entry: LexicalEntry
}

/// A rule-based tagger: WordNet and closed-class lists give each word its possible tags; the
/// previous tag and a one-token look-ahead choose among them, with WordNet concordance
/// frequencies breaking noun/verb ties. Linear in the number of tokens.
struct PartOfSpeechTagger: Sendable {
    let analyzer: LexicalAnalyzer

    init(morphy: Morphy) { analyzer = LexicalAnalyzer(morphy: morphy) }

    func tag(_ tokens: [Token]) -> [TaggedToken] {
        var cache: [String: LexicalEntry] = [:]
        let entries = tokens.map { token -> LexicalEntry in
            guard token.kind == .word else { return LexicalEntry() }
            if let hit = cache[token.lower] { return hit }
            let e = analyzer.entry(for: token.lower)
            cache[token.lower] = e
            return e
        }
        let lexical = tokens.indices.map { closedTag(tokens, $0) }
        var result: [TaggedToken] = []
        result.reserveCapacity(tokens.count)
        for i in tokens.indices {
            var previous: Tag? = i > 0 ? result[i - 1].tag : nil
            // "is also present": look through adverbs back to an auxiliary.
            if previous == .adverb, i > 1, result[i - 2].tag == .auxiliary { previous = .auxiliary }
            let tag: Tag
            if let closed = lexical[i] {
                tag = refineClosed(closed, tokens: tokens, entries: entries, lexical: lexical, at: i, previous: previous)
            } else {
                tag = openTag(entries[i], token: tokens[i], previous: previous,
                              previousToken: i > 0 ? result[i - 1] : nil,
                              next: i + 1 < tokens.count ? (tokens[i + 1], entries[i + 1], lexical[i + 1]) : nil,
                              sentenceStart: i == 0 || [".", "!", "?", ";", ":", "\""].contains(result[i - 1].token.lower))
            }
            result.append(TaggedToken(token: tokens[i], tag: tag, entry: entries[i]))
        }
        return result
    }

    /// The tag a word has regardless of context, for function words, numbers and punctuation.
    private func closedTag(_ tokens: [Token], _ i: Int) -> Tag? {
        let t = tokens[i]
        switch t.kind {
        case .punctuation: return t.lower == "&" ? .coordinator : .punctuation
        case .possessive: return .possessive
        case .number: return .numeral
        case .word: break
        }
        let w = t.lower
        if w == "to" { return .infinitiveTo }
        if ClosedClassWords.numerals.contains(w) { return .numeral }
        if ClosedClassWords.determiners.contains(w) { return .determiner }
        if ClosedClassWords.coordinators.contains(w) { return .coordinator }
        if ClosedClassWords.auxiliaries.contains(w) { return .auxiliary }
        if ClosedClassWords.pronouns.contains(w) { return .pronoun }
        if ClosedClassWords.prepositions.contains(w) { return .preposition }
        if ClosedClassWords.subordinators.contains(w) { return .subordinator }
        if ClosedClassWords.adverbs.contains(w) { return .adverb }
        return nil
    }

    private func refineClosed(_ tag: Tag, tokens: [Token], entries: [LexicalEntry], lexical: [Tag?],
                              at i: Int, previous: Tag?) -> Tag {
        let w = tokens[i].lower
        let nextEntry = i + 1 < tokens.count ? entries[i + 1] : nil
        let nextClosed = i + 1 < tokens.count ? lexical[i + 1] : .punctuation
        let nextIsNominal = nextClosed == nil && (nextEntry.map { $0.canNoun || $0.canAdjective } ?? false)
            || nextClosed == .numeral
        switch tag {
        case .determiner where (w == "that" || w == "which")
                && (previous == .noun || previous == .properNoun || (w == "which" && tokens[max(i - 1, 0)].lower == ",")):
            return .pronoun  // a relative pronoun: "a caption that reads"
        case .determiner:
            // "that"/"which"/"what" before a verb, and "her" as an object, are pronouns.
            if ["that", "which", "what", "her", "all", "both", "each", "some", "many", "few",
                "much", "more", "most", "several", "either", "neither", "any", "none", "no", "his",
                "less", "least", "such", "numerous", "multiple", "various"].contains(w) && !nextIsNominal
                && nextClosed != .determiner && nextClosed != .adverb {
                return .pronoun
            }
            return .determiner
        case .numeral where w == "one":
            return nextIsNominal ? .numeral : .pronoun
        case .infinitiveTo:
            if let e = nextEntry, nextClosed == nil, e.baseVerb, 3 * e.verbFrequency >= e.nounFrequency,
               !["next", "close", "due", "according", "attached", "similar", "up"].contains(i > 0 ? tokens[i - 1].lower : "") {
                return .infinitiveTo
            }
            return .preposition
        case .preposition where w == "next" || w == "past" || w == "like":
            // "next to", "past the": prepositions; "the next room": a modifier.
            if previous == .determiner || previous == .adjective { return .adjective }
            return .preposition
        default:
            return tag
        }
    }

    /// Auxiliaries after which a base-form word is a verb ("might face", "can see").
    private static let modals: Set<String> = [
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does", "did",
    ]

    /// True when "first second" (second inflected) is a WordNet noun: "cell phone", "teddy bear".
    private func formsCompound(_ first: String, _ second: String) -> Bool {
        !analyzer.morphy.baseForms(first + " " + second, pos: .noun).isEmpty
    }

    private func openTag(_ e: LexicalEntry, token: Token, previous: Tag?, previousToken: TaggedToken?,
                         next: (Token, LexicalEntry, Tag?)?, sentenceStart: Bool) -> Tag {
        // Non-English words, and stray single letters ("'s" split oddly, list markers), break phrases.
        if e.foreign || (token.lower.count == 1 && !token.capitalized) { return .punctuation }
        // Ordinals modify ("the second box") but never head a phrase ("First, …", "the second").
        if ClosedClassWords.ordinals.contains(token.lower) { return .adjective }
        if token.capitalized && !sentenceStart && (e.guessed || !(e.canNoun || e.canAdjective)) {
            return .properNoun
        }
        if e.guessed && token.capitalized && e.canNoun { return .properNoun }
        let nextTag = next?.2
        let nextEntry = next?.1
        let nextOpenNominal = nextTag == nil && (nextEntry.map { $0.canNoun || $0.canAdjective } ?? false)
        let nextStartsNP = nextTag == .determiner || nextTag == .pronoun || nextTag == .numeral
            || nextTag == .possessive
        let nominal: Tag = e.canNoun ? (e.canAdjective && nextOpenNominal && e.adjectiveFrequency >= e.nounFrequency ? .adjective : .noun) : .adjective

        switch previous {
        case .determiner?, .numeral?, .possessive?, .adjective?:
            if e.canNoun || e.canAdjective { return nominal }
            if e.participle { return .adjective }
            return e.canAdverb ? .adverb : .verb
        case .noun?, .properNoun?:
            // "cell phone", "teddy bear": a WordNet compound with the previous noun stays nominal.
            // Not for a verb-first -s form ("the cat sleeps" despite WordNet's "cat sleep").
            let verbFirstS = token.lower.hasSuffix("s") && !e.baseVerb && e.verbFrequency > e.nounFrequency
            if let p = previousToken, !verbFirstS, formsCompound(p.token.lower, token.lower) { return .noun }
            // "-ing" nouns used more as nouns than their verb: "brick building", "the ceiling".
            if e.participle && token.lower.hasSuffix("ing") && !nextStartsNP && 2 * e.nounFrequency > e.verbFrequency
                && e.nounFrequency >= 5 {
                return .noun
            }
            if e.canVerb && e.participle { return .verb }
            // "the image showcases a …": a noun-looking -s word before a determiner is a verb.
            if nextTag == .determiner && token.lower.hasSuffix("s") && !token.lower.hasSuffix("ss") { return .verb }
            // Agreement: a bare verb form cannot follow a singular subject ("cell phone", not "cell phones…").
            if let p = previousToken, p.tag == .noun, !p.entry.pluralNoun, e.baseVerb, e.canNoun,
               !token.lower.hasSuffix("s") {
                return nominal
            }
            if e.canVerb && (e.canNoun || e.canAdjective) {
                var score = log(Double(e.verbFrequency + 1) / Double(e.nounFrequency + e.adjectiveFrequency + 1))
                if ClosedClassWords.clauseVerbs.contains(token.lower) { score += 2 }
                if nextStartsNP { score += 2.5 }
                else if nextTag == .preposition || nextTag == .adverb || nextTag == .infinitiveTo { score += 0.8 }
                else if nextTag == .punctuation || nextTag == .coordinator || next == nil { score -= 1 }
                else if nextOpenNominal { score -= 1 }
                if let p = previousToken?.entry, p.pluralNoun && e.baseVerb { score += 1 }
                if let p = previousToken?.entry, !p.pluralNoun && !e.baseVerb && token.lower.hasSuffix("s") { score += 0.5 }
                return score > 0 ? .verb : nominal
            }
            // "make the suitcases valuable": an adjective after the head ends the phrase.
            if e.canAdjective && e.adjectiveFrequency > e.nounFrequency && !nextOpenNominal { return .adjective }
            if e.canNoun || e.canAdjective { return nominal }
            return e.canVerb ? .verb : .adverb
        case .auxiliary?, .pronoun?, .infinitiveTo?:
            if e.participle { return .verb }
            // Predicative adjectives: "the cat is black", "a dog is present".
            if previous == .auxiliary && e.canAdjective && !nextOpenNominal && e.adjectiveFrequency > 0 {
                return .adjective
            }
            let afterModal = previous == .auxiliary && previousToken.map { Self.modals.contains($0.token.lower) } ?? false
            if e.canVerb && (previous != .auxiliary || (afterModal && e.baseVerb)) {
                if previous == .pronoun && e.canNoun && !nextStartsNP && e.nounFrequency > e.verbFrequency { return nominal }
                return .verb
            }
            if e.canAdjective && !e.canNoun { return .adjective }
            if e.canNoun || e.canAdjective { return nominal }
            return e.canAdverb ? .adverb : .verb
        default:
            // Start of a clause or after a preposition, verb, conjunction or adverb.
            if e.participle {
                if nextStartsNP || nextTag == .preposition || nextTag == .adverb { return .verb }
                if nextOpenNominal {
                    // After a preposition or determiner-less clause start: "with flowing water"
                    // modifies; ", providing shade" / "holding wine glasses" is a verb + object.
                    if previous == .preposition || e.adjectiveFrequency > e.verbFrequency { return .adjective }
                    return .verb
                }
                return previous == .preposition || previous == .verb ? .noun : .verb
            }
            if e.canVerb && (e.canNoun || e.canAdjective) {
                if previous == .preposition || previous == .verb { return nominal }
                var score = log(Double(e.verbFrequency + 1) / Double(e.nounFrequency + e.adjectiveFrequency + 1))
                if nextStartsNP { score += 2.5 } else if nextOpenNominal { score -= 1.5 }
                if sentenceStart { score -= 2 }
                return score > 0 ? .verb : nominal
            }
            if e.canNoun || e.canAdjective { return nominal }
            if e.canVerb { return .verb }
            return .adverb
        }
    }
}
