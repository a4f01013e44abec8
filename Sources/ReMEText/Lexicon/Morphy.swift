/// WordNet's morphological processor ("morphy"): maps an inflected word to the base forms
/// that the lexicon lists for a part of speech, using the exception lists first and then
/// the detachment rules of WordNet's `morph.c` (suffix → replacement, per part of speech).
public struct Morphy: Sendable {
    public let lexicon: WordNetLexicon

    public init(lexicon: WordNetLexicon) { self.lexicon = lexicon }

    private static let rules: [WordNetPOS: [(suffix: String, ending: String)]] = [
        .noun: [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
                ("shes", "sh"), ("men", "man"), ("ies", "y")],
        .verb: [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
                ("ed", ""), ("ing", "e"), ("ing", "")],
        .adjective: [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
        .adverb: [],
    ]

    /// Every base form of `word` (lowercased) for `pos` that the lexicon knows, the word itself
    /// first when it is a lemma, then exception-list forms, then rule-derived forms; no duplicates.
    public func baseForms(_ word: String, pos: WordNetPOS) -> [String] {
        var forms: [String] = []
        func add(_ form: String) {
            if !forms.contains(form) { forms.append(form) }
        }
        if lexicon.contains(word, as: pos) { add(word) }
        for base in lexicon.exceptionBases(word, pos: pos) where lexicon.contains(base, as: pos) {
            add(base)
        }
        // Multi-word lemmas inflect their last word ("traffic lights" → "traffic light").
        if let space = word.lastIndex(of: " ") {
            let head = String(word[..<space])
            let last = String(word[word.index(after: space)...])
            for base in baseForms(last, pos: pos) {
                let candidate = head + " " + base
                if lexicon.contains(candidate, as: pos) { add(candidate) }
            }
            return forms
        }
        if pos == .noun && word.hasSuffix("ful") {
            // "boxesful" style: morph.c strips "ful", inflects, and re-attaches it.
            let stem = String(word.dropLast(3))
            for base in baseForms(stem, pos: .noun) where lexicon.contains(base + "ful", as: .noun) {
                add(base + "ful")
            }
        }
        for rule in Self.rules[pos] ?? [] where word.hasSuffix(rule.suffix) && word.count > rule.suffix.count {
            let candidate = String(word.dropLast(rule.suffix.count)) + rule.ending
            if lexicon.contains(candidate, as: pos) { add(candidate) }
        }
        return forms
    }

    /// True when `word` is some inflection of a lemma of `pos` (or a lemma itself).
    public func isKnown(_ word: String, as pos: WordNetPOS) -> Bool {
        !baseForms(word, pos: pos).isEmpty
    }
}
