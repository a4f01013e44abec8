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
/// previous tags, a one-token look-ahead and the clause so far (its subject's number and
/// whether its verb has come: `ClauseContext`) choose among them, with WordNet concordance
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
        var clause = ClauseContext()
        for i in tokens.indices {
            var previous: Tag? = i > 0 ? result[i - 1].tag : nil
            var auxiliary: TaggedToken? = previous == .auxiliary ? result[i - 1] : nil
            // "is also present", "can easily tell": look through adverbs back to an auxiliary.
            if previous == .adverb, i > 1, result[i - 2].tag == .auxiliary {
                previous = .auxiliary
                auxiliary = result[i - 2]
            }
            let tag: Tag
            if let closed = lexical[i] {
                tag = refineClosed(closed, tokens: tokens, entries: entries, lexical: lexical, at: i, previous: previous)
            } else {
                let context = OpenWordContext(
                    previous: previous, previousToken: i > 0 ? result[i - 1] : nil,
                    beforePrevious: i > 1 ? result[i - 2] : nil, auxiliary: auxiliary,
                    next: i + 1 < tokens.count ? (tokens[i + 1], entries[i + 1], lexical[i + 1]) : nil,
                    sentenceStart: i == 0 || Self.sentenceOpeners.contains(result[i - 1].token.lower),
                    clause: clause)
                tag = openTag(entries[i], token: tokens[i], context: context)
                if tag == .verb && context.previous == .adjective {
                    // "a man in red watches …": the colour was the prepositional object, not a
                    // modifier; "the other leans his head": the adjective stands alone.
                    if context.previousIsBareAdjectiveObject {
                        result[i - 1].tag = .noun
                    } else if context.beforePrevious?.tag == .determiner {
                        result[i - 1].tag = .pronoun
                    }
                }
            }
            result.append(TaggedToken(token: tokens[i], tag: tag, entry: entries[i]))
            clause.record(result[i])
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
        // "this shows that …", "one holds an ax": a word that takes no plural noun, before a plural
        // form that can be a verb, stands alone.
        if Self.singularStandAlones.contains(w), nextClosed == nil, let next = nextEntry, next.pluralNoun, next.canVerb,
           i + 1 < tokens.count, tokens[i + 1].lower.hasSuffix("s") {
            return .pronoun
        }
        // "two dogs both fighting for …", "pictures, each showing a …": a floating quantifier
        // before a participle.
        if Self.floatingQuantifiers.contains(w), nextClosed == nil, let next = nextEntry, next.participle,
           previous == .noun || previous == .pronoun || (i + 2 < tokens.count && Self.startsNounPhrase(lexical[i + 2])) {
            return .pronoun
        }
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

    /// Punctuation after which a word starts a sentence (list bullets included).
    private static let sentenceOpeners: Set<String> = [".", "!", "?", ";", ":", "\"", "-", "*", "\u{2022}"]

    /// Determiners and numerals that also stand alone and never precede a plural noun.
    private static let singularStandAlones: Set<String> = ["this", "that", "each", "another", "one"]

    private static func startsNounPhrase(_ tag: Tag?) -> Bool {
        switch tag {
        case .determiner?, .pronoun?, .possessive?, .numeral?: true
        default: false
        }
    }

    /// Quantifiers that can follow their noun: "the dogs both …", "pictures, each showing …".
    private static let floatingQuantifiers: Set<String> = ["both", "all", "each"]

    /// Auxiliaries after which a base-form word is a verb ("might face", "can see").
    private static let modals: Set<String> = [
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does", "did",
    ]

    private func openTag(_ e: LexicalEntry, token: Token, context c: OpenWordContext) -> Tag {
        // Non-English words, and stray single letters ("'s" split oddly, list markers), break phrases.
        if e.foreign || (token.lower.count == 1 && !token.capitalized) { return .punctuation }
        // Ordinals modify ("the second box") but never head a phrase ("First, …", "the second").
        if ClosedClassWords.ordinals.contains(token.lower) { return .adjective }
        if token.capitalized && !c.sentenceStart && (e.guessed || !(e.canNoun || e.canAdjective)) {
            return .properNoun
        }
        if e.guessed && token.capitalized && e.canNoun { return .properNoun }
        let nextTag = c.nextTag
        let nominal = c.nominal(e)

        switch c.previous {
        case .determiner?, .numeral?, .possessive?, .adjective?:
            if let tag = tagOutsideNounPhrase(e, word: token.lower, context: c) { return tag }
            if e.canNoun || e.canAdjective { return nominal }
            if e.participle { return .adjective }
            return e.canAdverb ? .adverb : .verb
        case .noun?, .properNoun?:
            return tagAfterNoun(e, token: token, context: c)
        case .auxiliary?, .pronoun?, .infinitiveTo?:
            if e.participle { return .verb }
            // Predicative adjectives: "the cat is black", "a dog is present".
            if c.previous == .auxiliary && e.canAdjective && !c.nextOpenNominal && e.adjectiveFrequency > 0 {
                return .adjective
            }
            let afterModal = c.auxiliary.map { Self.modals.contains($0.token.lower) } ?? false
            if e.canVerb && (c.previous != .auxiliary || (afterModal && e.baseVerb)) {
                if c.previous == .pronoun && e.canNoun && !c.nextStartsNP && e.nounFrequency > e.verbFrequency { return nominal }
                return .verb
            }
            if e.canAdjective && !e.canNoun { return .adjective }
            if e.canNoun || e.canAdjective { return nominal }
            return e.canAdverb ? .adverb : .verb
        default:
            // Start of a clause or after a preposition, verb, conjunction or adverb.
            if c.continuesNounList(e) { return nominal }
            if c.continuesVerbList(e, word: token.lower) { return .verb }
            if isPredicativeAdjective(e, context: c) { return .adjective }
            if e.participle {
                if c.nextStartsNP || nextTag == .preposition || nextTag == .adverb || nextTag == .infinitiveTo { return .verb }
                if c.nextOpenNominal {
                    // After a preposition or determiner-less clause start: "with flowing water"
                    // modifies; ", providing shade" / "holding wine glasses" is a verb + object.
                    if c.previous == .preposition || e.adjectiveFrequency > e.verbFrequency { return .adjective }
                    return .verb
                }
                return c.previous == .preposition || c.previous == .verb ? .noun : .verb
            }
            if e.canVerb && (e.canNoun || e.canAdjective) {
                if c.previous == .preposition || c.previous == .verb { return nominal }
                var score = log(Double(e.verbFrequency + 1) / Double(e.nounFrequency + e.adjectiveFrequency + 1))
                if c.nextStartsNP { score += 2.5 } else if c.nextOpenNominal { score -= 1.5 }
                if c.sentenceStart { score -= 2 }
                return score > 0 ? .verb : nominal
            }
            if e.canNoun || e.canAdjective { return nominal }
            if e.canVerb { return .verb }
            return .adverb
        }
    }
}
