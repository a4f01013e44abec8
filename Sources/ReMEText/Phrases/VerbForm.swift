/// The inflection of a word that can be a verb, as far as agreement and coordination care.
enum VerbForm: Equatable {
    /// "walk"
    case base
    /// "walks"
    case thirdPersonSingular
    /// "walking"
    case presentParticiple
    case other

    init(_ e: LexicalEntry, word: String) {
        if e.baseVerb {
            self = .base
        } else if e.participle && word.hasSuffix("ing") {
            self = .presentParticiple
        } else if e.canVerb && word.hasSuffix("s") && !word.hasSuffix("ss") {
            self = .thirdPersonSingular
        } else {
            self = .other
        }
    }
}
