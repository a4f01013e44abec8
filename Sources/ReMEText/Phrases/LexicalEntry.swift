/// The parts of speech a word can take, from WordNet (through morphy) and the closed-class lists,
/// with concordance frequencies to break ties.
struct LexicalEntry: Sendable {
    var canNoun = false
    var canVerb = false
    var canAdjective = false
    var canAdverb = false
    var nounFrequency = 0
    var verbFrequency = 0
    var adjectiveFrequency = 0
    /// Ends in -ing / -ed and can be a verb: a participle ("sitting", "parked").
    var participle = false
    /// The noun lemma differs from the word (a plural, "dogs").
    var pluralNoun = false
    /// The word is its own verb lemma ("walk", not "walks").
    var baseVerb = false
    /// A noun whose plural is the same word ("sheep", "fish"): its form shows no number.
    var numberUnmarked = false
    /// A quantity or collective noun whose "of" complement carries the meaning ("group", "herd").
    var quantityHead = false
    /// A verb that takes an object and a bare infinitive ("let", "watch", "make": "watches a dog run").
    var takesBareInfinitive = false
    /// Not English as far as WordNet can tell (non-ASCII letters, unknown): never in a phrase.
    var foreign = false
    /// Not in WordNet: the parts of speech are guessed from the suffix.
    var guessed = false

    var isUnknown: Bool { !canNoun && !canVerb && !canAdjective && !canAdverb }
}

/// Looks words up in WordNet and guesses unknown ones from their suffixes.
struct LexicalAnalyzer: Sendable {
    let morphy: Morphy

    /// Plural nouns without a plural ending.
    static let unmarkedPlurals: Set<String> = ["people", "police", "cattle", "livestock", "poultry", "clergy"]

    /// Nouns whose plural is the singular (WordNet lists no separate form), common in captions.
    static let zeroPlurals: Set<String> = [
        "sheep", "deer", "fish", "moose", "elk", "bison", "buffalo", "swine", "salmon", "trout",
        "shrimp", "squid", "aircraft", "spacecraft", "offspring", "series", "species",
    ]

    func entry(for word: String) -> LexicalEntry {
        var e = LexicalEntry()
        let lexicon = morphy.lexicon
        let nouns = morphy.baseForms(word, pos: .noun)
        let verbs = morphy.baseForms(word, pos: .verb)
        let adjectives = morphy.baseForms(word, pos: .adjective)
        e.canNoun = !nouns.isEmpty
        e.canVerb = !verbs.isEmpty
        e.canAdjective = !adjectives.isEmpty
        e.canAdverb = lexicon.contains(word, as: .adverb)
        e.nounFrequency = nouns.map { lexicon.info($0)?.frequency(.noun) ?? 0 }.max() ?? 0
        e.verbFrequency = verbs.map { lexicon.info($0)?.frequency(.verb) ?? 0 }.max() ?? 0
        e.adjectiveFrequency = adjectives.map { lexicon.info($0)?.frequency(.adjective) ?? 0 }.max() ?? 0
        e.pluralNoun = e.canNoun && (nouns.contains { $0 != word } || Self.unmarkedPlurals.contains(word))
        e.baseVerb = verbs.contains(word)
        e.numberUnmarked = Self.zeroPlurals.contains(word)
        e.quantityHead = nouns.contains { ClosedClassWords.ofHeads.contains($0) }
        e.takesBareInfinitive = verbs.contains { ClosedClassWords.bareInfinitiveVerbs.contains($0) }
        let inflected = word.hasSuffix("ing") || word.hasSuffix("ed")
        e.participle = e.canVerb && inflected && !e.baseVerb
        if e.isUnknown { e.guessed = true; guess(word, into: &e) }
        e.foreign = e.isUnknown && word.unicodeScalars.contains { $0.value > 0x7F }
        return e
    }

    /// Suffix guesses for words WordNet lacks (rare inflections, hyphenated compounds, names).
    private func guess(_ word: String, into e: inout LexicalEntry) {
        // Words outside WordNet written with non-ASCII letters are taken as non-English.
        if word.unicodeScalars.contains(where: { $0.value > 0x7F }) && !word.contains("-") { return }
        if let hyphen = word.lastIndex(of: "-") {
            let last = String(word[word.index(after: hyphen)...])
            let tail = last.isEmpty ? LexicalEntry() : entry(for: last)
            // "black-and-white", "red-haired", "long-sleeved": modifiers; "t-shirt"-like: nouns.
            e.canAdjective = true
            e.canNoun = tail.canNoun && !tail.participle
            e.pluralNoun = tail.pluralNoun
            return
        }
        if word.hasSuffix("ly") { e.canAdverb = true; return }
        if word.hasSuffix("ing") || word.hasSuffix("ed") {
            e.canVerb = true; e.participle = true; e.canAdjective = true; return
        }
        for suffix in ["ous", "ful", "ive", "able", "ible", "al", "ic", "ish", "less", "ary", "ian"]
        where word.hasSuffix(suffix) {
            e.canAdjective = true; return
        }
        e.canNoun = true
        if word.hasSuffix("s") && !word.hasSuffix("ss") { e.pluralNoun = true }
    }
}
