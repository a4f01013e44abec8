/// Adjectives that end a noun phrase or stand outside one, and the verbs that follow them: the
/// cases where a word after a modifier does not continue its phrase, and where a determiner-less
/// word is an adjective rather than a head.
extension PartOfSpeechTagger {
    /// After a determiner, numeral, possessive or adjective: the tag of a word that does not
    /// continue the phrase as its modifier or head, or nil when it does.
    func tagOutsideNounPhrase(_ e: LexicalEntry, word: String, context c: OpenWordContext) -> Tag? {
        if c.previous == .adjective && isVerbAfterPhraseFinalAdjective(e, word: word, context: c) { return .verb }
        // "can be found close to …", "is dark brown": after a predicative adjective, an
        // adjective that no noun follows.
        if c.previous == .adjective && c.beforePrevious?.tag == .auxiliary && e.canAdjective
            && e.adjectiveFrequency > e.nounFrequency && !c.nextOpenNominal {
            return .adjective
        }
        // "a tall, light brown dog": a word seen often as an adjective and never as a noun,
        // coordinated with the next modifier.
        if e.canAdjective && e.nounFrequency == 0 && e.adjectiveFrequency > Self.frequentAdjective && !e.pluralNoun
            && (c.nextTag == .coordinator || c.nextWord == ",") {
            return .adjective
        }
        return nil
    }

    /// A word with no determiner before it (clause start, after a preposition, verb, conjunction
    /// or adverb) that is an adjective, not a head.
    func isPredicativeAdjective(_ e: LexicalEntry, context c: OpenWordContext) -> Bool {
        guard e.canAdjective else { return false }
        // "squats ready to hit", "getting ready for": after a verb, an adjective with its complement.
        if c.previous == .verb && e.adjectiveFrequency > e.nounFrequency
            && (c.nextTag == .infinitiveTo || c.nextWord == "of" || c.nextWord == "for") {
            return true
        }
        // "making the scene feel cozy", "slow down when necessary": a word never seen as a noun
        // but often as an adjective (or after a verb, at all).
        return e.nounFrequency == 0 && !e.pluralNoun && !c.nextOpenNominal
            && (e.adjectiveFrequency > Self.frequentAdjective || (c.previous == .verb && e.adjectiveFrequency > 0))
    }

    /// Concordance uses above which an adjective reading is established; rarer ones ("remote" 13,
    /// "husky" 4) are mostly nouns in captions.
    private static let frequentAdjective = 20

    /// An adjective that ends its phrase, as an object ("a man in red watches the boat") or after
    /// its noun ("pedestrians busy walking"), modifies nothing after it: a verb form there is the
    /// verb when what follows it is verbal too.
    private func isVerbAfterPhraseFinalAdjective(_ e: LexicalEntry, word: String, context c: OpenWordContext) -> Bool {
        guard e.canVerb else { return false }
        switch VerbForm(e, word: word) {
        case .thirdPersonSingular:
            guard e.verbFrequency > e.nounFrequency else { return false }
            // "the other leans his head", "the other walks away": a determiner and an adjective
            // alone, then a verb with its object, or a clear verb with an adverb or preposition.
            if c.beforePrevious?.tag == .determiner {
                return c.nextStartsNP || (c.nextTakesVerbalComplement && e.verbFrequency > 4 * e.nounFrequency)
            }
            // Agrees with a singular subject that still lacks its verb, and is followed by an
            // object or a predicative adjective ("gets ready"); not by a preposition ("a squirrel
            // with yellow leaves in the background").
            guard c.previousIsBareAdjectiveObject && c.clause.awaitsFiniteVerb && c.clause.subjectNumber == .singular
            else { return false }
            return c.nextStartsNP || c.nextIsPredicativeAdjective
        case .presentParticiple:
            guard c.previousIsBareAdjectiveObject || c.previousIsPostnominalAdjective,
                  !(2 * e.nounFrequency > e.verbFrequency && e.nounFrequency >= 5) else { return false }
            return c.nextStartsNP || c.nextTag == .preposition || c.nextTag == .adverb
                || (c.previousIsPostnominalAdjective && c.nextTag == .coordinator)
        case .base, .other:
            return false
        }
    }
}
