/// The grammatical number a noun phrase shows by its form and determiner.
enum GrammaticalNumber: Sendable, Equatable {
    case singular, plural
    /// "sheep", "the fish", "a man in a hat and a woman": the words do not tell.
    case either
}

/// What the tagger has seen of the clause it is in, updated token by token: the number of the
/// clause's subject (the noun phrase it starts with; coordinated ones are plural), whether the
/// clause's finite verb has come, and whether the words since the last verb are that verb's
/// object and the verb takes a bare infinitive after it ("watches a dog run").
///
/// It tells which noun a noun/verb-ambiguous word after a noun must agree with: in "two men in
/// uniform carry a girl" the subject is "men", not "uniform".
struct ClauseContext: Sendable {
    private enum Phase: Sendable {
        case beforeSubject, inSubject, afterSubject
        /// The clause began with something other than a noun phrase ("in the field cows graze").
        case subjectless
    }

    /// A conjunction or comma was seen; the next noun may join the subject.
    private enum Conjunct: Sendable {
        case none
        /// Inside the subject phrase: "a man and a woman", "a grandfather, father and grandson"
        /// (plural); "a graphic or illustration" (the last one's number).
        case subject(plural: Bool)
        /// After a modifier of the subject, before a determiner: "a man in a hat and a woman"
        /// or "… in a hat and a scarf".
        case ambiguousPending
        /// Such a conjunction and its determiner were seen.
        case ambiguous
    }

    /// Nil until the clause's first noun phrase, and in a clause that starts otherwise.
    private(set) var subjectNumber: GrammaticalNumber?
    private(set) var hasFiniteVerb = false
    /// A participle after the subject took a prepositional phrase: "people walking past a food
    /// cart". Such captions have no finite verb; the participle is their predicate.
    private(set) var hasParticiplePredicate = false
    /// The clause may still get a finite verb that agrees with its subject.
    var awaitsFiniteVerb: Bool { !hasFiniteVerb && !hasParticiplePredicate }
    /// The last noun belongs to the subject phrase.
    var lastNounIsInSubject: Bool { phase == .inSubject }
    /// The last noun's phrase has a singular determiner ("a fruit", "this man").
    private(set) var lastNounPhraseIsSingular = false
    /// True while the tokens since the last verb are one noun phrase and that verb takes a bare
    /// infinitive after its object ("let", "watch", "make").
    private(set) var inBareInfinitiveObject = false

    private var phase: Phase
    private var conjunct = Conjunct.none
    /// A participle came after the subject: its predicate ("people walking past …") or a
    /// modifier ("kids wearing matching clothes gather").
    private var afterParticiple = false
    /// The subject's head so far is a quantity or collective noun ("a group"): its "of"
    /// complement gives the number ("a group of people").
    private var subjectHeadIsQuantity = false
    /// The number the determiners and numerals since the last noun imply.
    private var determinerNumber: GrammaticalNumber?
    /// The previous token was a comma that ended a clause with its verb.
    private var closedByComma = false
    /// The previous token was a noun: a noun now continues its compound.
    private var lastWasNoun = false

    init() { phase = .beforeSubject }

    private init(phase: Phase) { self.phase = phase }

    /// Updates the context with the next tagged token.
    mutating func record(_ t: TaggedToken) {
        let word = t.token.lower
        let afterClauseComma = closedByComma
        closedByComma = false
        switch t.tag {
        case .determiner, .numeral:
            lastWasNoun = false
            determinerNumber = Self.determinerNumber(word, tag: t.tag) ?? determinerNumber
            if case .ambiguousPending = conjunct { conjunct = .ambiguous }
            return
        case .adjective, .adverb, .possessive:
            lastWasNoun = false
            return
        case .noun, .properNoun:
            recordNoun(t)
            lastWasNoun = true
            return
        default:
            break
        }
        inBareInfinitiveObject = false
        lastWasNoun = false
        // Coordinated modifiers keep their determiner: "a tall, light brown dog", "a black and white cat".
        if t.tag != .coordinator && word != "," {
            determinerNumber = nil
            lastNounPhraseIsSingular = false
        }
        switch t.tag {
        case .punctuation where Self.clauseBreaks.contains(word):
            self = ClauseContext()
        case .punctuation where word == ",":
            // After the verb a comma mostly brings a participle, an apposition or a list, not a
            // new subject: no subject is assumed after it.
            if hasFiniteVerb {
                self = ClauseContext(phase: .subjectless)
                closedByComma = true
            } else if subjectNumber == nil {
                // "In the background, cows graze"; "a tall, light brown dog" keeps its article.
                let determiner = determinerNumber
                self = ClauseContext()
                determinerNumber = determiner
            } else if phase == .inSubject {
                conjunct = .subject(plural: true)
            }
        case .subordinator:
            self = ClauseContext()
        case .coordinator:
            // ", and their colours make them …" starts a clause with a subject; "… and cows graze"
            // may ("cows" agrees by itself), "enjoy shrimp or lobster tails with …" does not.
            if afterClauseComma { self = ClauseContext() }
            else if hasFiniteVerb { self = ClauseContext(phase: .subjectless) }
            else if phase == .inSubject { conjunct = .subject(plural: word != "or" && word != "nor") }
            else if phase == .afterSubject { conjunct = .ambiguousPending }
        case .preposition where word == "of" && phase == .inSubject && subjectHeadIsQuantity:
            subjectNumber = .either
        case .verb, .auxiliary:
            if t.tag == .auxiliary || !t.entry.participle { hasFiniteVerb = true }
            else if subjectNumber != nil { afterParticiple = true }
            endSubject()
            inBareInfinitiveObject = t.entry.takesBareInfinitive
        case .preposition:
            if afterParticiple { hasParticiplePredicate = true }
            endSubject()
        default:
            // Pronouns, "to", possessives: the subject phrase, if any, has ended.
            endSubject()
        }
    }

    private mutating func recordNoun(_ t: TaggedToken) {
        let number = nounNumber(t)
        if !lastWasNoun { lastNounPhraseIsSingular = determinerNumber == .singular }
        determinerNumber = nil
        switch phase {
        case .beforeSubject where !hasFiniteVerb:
            subjectNumber = number
            phase = .inSubject
        case .inSubject:
            // A compound's head is its last noun; a conjoined noun makes the subject plural.
            if case .subject(plural: true) = conjunct { subjectNumber = .plural } else { subjectNumber = number }
        case .afterSubject:
            if case .ambiguous = conjunct, subjectNumber != .plural { subjectNumber = .either }
        default:
            break
        }
        subjectHeadIsQuantity = phase == .inSubject && t.entry.quantityHead
        conjunct = .none
    }

    private mutating func endSubject() {
        switch phase {
        case .beforeSubject: phase = .subjectless
        case .inSubject: phase = .afterSubject
        case .afterSubject, .subjectless: break
        }
        conjunct = .none
        subjectHeadIsQuantity = false
    }

    private func nounNumber(_ t: TaggedToken) -> GrammaticalNumber {
        let e = t.entry
        if e.pluralNoun { return .plural }
        // Capitalised words outside WordNet are names, or anything: no agreement is assumed.
        if t.tag == .properNoun { return .either }
        if let determined = determinerNumber { return determined }
        return e.numberUnmarked ? .either : .singular
    }

    private static let clauseBreaks: Set<String> = [".", "!", "?", ";", ":", "\""]

    private static func determinerNumber(_ word: String, tag: Tag) -> GrammaticalNumber? {
        if tag == .numeral { return word == "one" || word == "1" ? .singular : .plural }
        switch word {
        case "a", "an", "each", "every", "another", "this", "that", "either", "neither": return .singular
        case "these", "those", "both", "several", "many", "few", "various", "numerous", "multiple": return .plural
        default: return nil
        }
    }
}
