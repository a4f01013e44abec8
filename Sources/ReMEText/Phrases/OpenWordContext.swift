/// What the tagger knows around an open-class word when it tags it: the tags chosen so far, the
/// next token (looked up, not yet tagged) and the clause.
struct OpenWordContext {
    /// The previous tag; an adverb after an auxiliary reads as the auxiliary ("is also present").
    var previous: Tag?
    var previousToken: TaggedToken?
    var beforePrevious: TaggedToken?
    /// The auxiliary that `previous` stands for (itself, or the one before an adverb).
    var auxiliary: TaggedToken?
    /// The next token, its lexical entry and its closed-class tag (nil for an open-class word).
    var next: (Token, LexicalEntry, Tag?)?
    var sentenceStart: Bool
    var clause: ClauseContext

    var nextTag: Tag? { next?.2 }
    var nextWord: String? { next?.0.lower }

    /// The next word is open-class and can be a noun or adjective.
    var nextOpenNominal: Bool {
        guard let next, next.2 == nil else { return false }
        return next.1.canNoun || next.1.canAdjective
    }

    /// The next token begins a noun phrase of its own: "the image features a …".
    var nextStartsNP: Bool {
        switch nextTag {
        case .determiner?, .pronoun?, .numeral?, .possessive?: true
        default: false
        }
    }

    /// An adverb, preposition or "to" follows: "walks away", "begins to fall".
    var nextTakesVerbalComplement: Bool {
        nextTag == .adverb || nextTag == .preposition || nextTag == .infinitiveTo
    }

    /// Nothing follows that a verb would take: the end, punctuation, a conjunction or "where".
    var nextEndsPhrase: Bool {
        next == nil || nextTag == .punctuation || nextTag == .coordinator || nextTag == .subordinator
    }

    /// The next word is open-class and read more often as an adjective than as a noun: "gets ready".
    var nextIsPredicativeAdjective: Bool {
        guard let next, next.2 == nil, !next.1.participle else { return false }
        return next.1.canAdjective && next.1.adjectiveFrequency > next.1.nounFrequency
    }

    /// The tag of a word taken nominally: an adjective when it reads more often so and a noun or
    /// adjective follows ("white house"), else a noun if it can be one.
    func nominal(_ e: LexicalEntry) -> Tag {
        guard e.canNoun else { return .adjective }
        return e.canAdjective && nextOpenNominal && e.adjectiveFrequency >= e.nounFrequency ? .adjective : .noun
    }

    /// The previous word is an adjective that can be a noun, right after a preposition: "in red"
    /// in "a man in red watches the boat" is the object, not a modifier of "watches".
    var previousIsBareAdjectiveObject: Bool {
        guard let adjective = previousToken, adjective.tag == .adjective, adjective.entry.canNoun,
              !ClosedClassWords.ordinals.contains(adjective.token.lower) else { return false }
        return beforePrevious?.tag == .preposition
    }

    /// The previous word is an adjective after a noun: "pedestrians busy walking".
    var previousIsPostnominalAdjective: Bool {
        guard previousToken?.tag == .adjective, let noun = beforePrevious else { return false }
        return noun.tag == .noun || noun.tag == .properNoun
    }

    /// "a toilet, sink and shower": a word that can be a noun, between a noun and its comma and
    /// a conjunction or comma, is the next item of a list of nouns.
    func continuesNounList(_ e: LexicalEntry) -> Bool {
        guard e.canNoun, previousToken?.token.lower == ",", let item = beforePrevious,
              item.tag == .noun || item.tag == .properNoun else { return false }
        return nextTag == .coordinator || nextWord == ","
    }

    /// "cows graze and rest", "to relax, rest, and enjoy": after a verb and a conjunction or
    /// comma, a word that can be a verb in the same form continues the list of verbs.
    func continuesVerbList(_ e: LexicalEntry, word: String) -> Bool {
        guard e.canVerb, let joint = previousToken,
              joint.tag == .coordinator || joint.token.lower == ",",
              let verb = beforePrevious, verb.tag == .verb else { return false }
        return VerbForm(verb.entry, word: verb.token.lower) == VerbForm(e, word: word)
    }
}
