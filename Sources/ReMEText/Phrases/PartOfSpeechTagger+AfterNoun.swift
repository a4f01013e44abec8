import Foundation

/// How well a base-form verb ("graze") after a noun would agree with its subject.
enum BareVerbFit {
    /// The subject is singular: "a woman at a fruit stand" is a noun phrase.
    case impossible
    /// The subject's number is unknown ("sheep", "a man in a hat and a woman").
    case possible
    /// The subject is plural ("two men in uniform carry …"), or the noun is the object of a verb
    /// that takes a bare infinitive ("shows a white car drive down …").
    case likely
}

extension PartOfSpeechTagger {
    /// True when "first second" (second inflected) is a WordNet noun: "cell phone", "teddy bear".
    func formsCompound(_ first: String, _ second: String) -> Bool {
        !analyzer.morphy.baseForms(first + " " + second, pos: .noun).isEmpty
    }

    /// The tag of a word after a noun: the next word of a compound ("cell phone"), the verb of a
    /// clause ("cows graze"), or an adjective after its noun ("a bus full of people", "with its
    /// hood open").
    ///
    /// A word that WordNet knows as a noun and a verb is weighed by its WordNet verb-vs-noun
    /// frequency, what follows it, and whether its form agrees with the clause's subject, which
    /// need not be the noun before it ("two men in uniform carry a girl").
    func tagAfterNoun(_ e: LexicalEntry, token: Token, context c: OpenWordContext) -> Tag {
        let word = token.lower
        let nominal = c.nominal(e)
        // Never a head: a word read more often as an adjective ends the phrase of the noun before it.
        let unlessVerb: Tag = e.canAdjective && e.adjectiveFrequency > e.nounFrequency ? .adjective : nominal
        // "cell phone", "teddy bear": a WordNet compound with the previous noun stays nominal.
        // Not for a verb-first -s form ("the cat sleeps" despite WordNet's "cat sleep").
        let verbFirstS = word.hasSuffix("s") && !e.baseVerb && e.verbFrequency > e.nounFrequency
        if let p = c.previousToken, !verbFirstS, formsCompound(p.token.lower, word) { return .noun }
        // "-ing" nouns used more as nouns than their verb ("an oil painting", "the ceiling"), or
        // often enough, after a singular noun and with nothing a verb would take after them ("the
        // brick building where", not "kids building and destroying …").
        if e.participle && word.hasSuffix("ing") && e.nounFrequency >= 5 && !c.nextStartsNP
            && (2 * e.nounFrequency > e.verbFrequency
                || (c.nextEndsPhrase && 4 * e.nounFrequency > e.verbFrequency && c.previousToken?.entry.pluralNoun != true)) {
            return .noun
        }
        if e.canVerb && e.participle { return .verb }
        // "the image showcases a …": a noun-looking -s word before a determiner is a verb.
        if c.nextTag == .determiner && word.hasSuffix("s") && !word.hasSuffix("ss") { return .verb }
        let form = VerbForm(e, word: word)
        let fit = form == .base ? bareVerbFit(e, after: c.previousToken, context: c) : .possible
        if form == .base, e.canNoun, fit == .impossible { return unlessVerb }
        if e.canVerb && (e.canNoun || e.canAdjective) {
            var score = log(Double(e.verbFrequency + 1) / Double(e.nounFrequency + e.adjectiveFrequency + 1))
            if ClosedClassWords.clauseVerbs.contains(word) { score += 2 }
            if c.nextStartsNP { score += 2.5 }
            else if c.nextTag == .preposition || c.nextTag == .adverb || c.nextTag == .infinitiveTo { score += 0.8 }
            else if c.nextTag == .punctuation || c.nextTag == .coordinator || c.next == nil { score -= 1 }
            else if c.nextTag == .auxiliary { score -= 2 }  // "police in riot gear are …"
            else if c.nextOpenNominal { score -= 1 }
            if fit == .likely { score += 1 }
            if form == .thirdPersonSingular {
                score += singularVerbAgreement(after: c.previousToken, clause: c.clause)
                // "a brown dog drinks water": "a" cannot head a plural noun.
                if e.pluralNoun && c.clause.lastNounPhraseIsSingular { score += 2 }
            }
            return score > 0 ? .verb : unlessVerb
        }
        // "make the suitcases valuable": an adjective after the head ends the phrase.
        if e.canAdjective && e.adjectiveFrequency > e.nounFrequency && !c.nextOpenNominal { return .adjective }
        if e.canNoun || e.canAdjective { return nominal }
        return e.canVerb ? .verb : .adverb
    }

    /// Whether a base-form verb may follow `previous`: it must agree with the clause's subject
    /// while the clause has no finite verb, else with `previous` itself.
    private func bareVerbFit(_ e: LexicalEntry, after previous: TaggedToken?, context c: OpenWordContext) -> BareVerbFit {
        let clause = c.clause
        // "watching a band play music", not "make a cellphone call.": a verb reading that
        // dominates and words after it.
        if clause.inBareInfinitiveObject, e.verbFrequency > e.nounFrequency, c.next != nil,
           c.nextTag != .punctuation && c.nextTag != .coordinator {
            return .likely
        }
        guard let previous else { return .possible }
        if clause.awaitsFiniteVerb, let subject = clause.subjectNumber {
            // "two women at a fruit stand": a noun with its own singular article reads on into a
            // compound unless it is the subject itself ("a horse and a foal graze").
            if !clause.lastNounIsInSubject && clause.lastNounPhraseIsSingular { return .impossible }
            switch subject {
            case .plural: return .likely
            case .either: return .possible
            // "a plate of cookies rest": agreement with the nearer plural happens in captions.
            case .singular: return previous.entry.pluralNoun ? .possible : .impossible
            }
        }
        if previous.entry.pluralNoun { return .likely }
        if previous.tag == .properNoun || previous.entry.numberUnmarked { return .possible }
        return .impossible
    }

    /// Score for an -s form ("rests") being the verb: it agrees with a singular subject and not
    /// with a plural one (where it is more likely a plural noun: "two girls in tank tops").
    private func singularVerbAgreement(after previous: TaggedToken?, clause: ClauseContext) -> Double {
        if clause.awaitsFiniteVerb, let subject = clause.subjectNumber {
            switch subject {
            case .singular: return 0.5
            case .plural: return -0.5
            case .either: return 0
            }
        }
        return previous?.entry.pluralNoun == false ? 0.5 : 0
    }
}
