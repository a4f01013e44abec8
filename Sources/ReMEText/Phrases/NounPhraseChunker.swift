/// Groups tagged tokens into noun phrases: `determiner* (adverb? modifier)* head`, where
/// modifiers are adjectives, numerals, participles and nouns, adjectives may be coordinated
/// ("black and white cat"), a possessive `'s` closes a phrase ("dog" + "collar"), and
/// "X of Y" with a quantity/collective/part head X merges into one phrase rooted at Y.
struct NounPhraseChunker: Sendable {
    let lemmatizer: NounLemmatizer

    /// A phrase as token indices: `start..<end`, determiners in `start..<firstKept`.
    private struct Span {
        var start: Int
        var firstKept: Int
        var end: Int
    }

    func chunk(_ tokens: [TaggedToken]) -> [NounPhrase] {
        var phrases: [NounPhrase] = []
        var i = 0
        while i < tokens.count {
            guard var span = span(from: i, in: tokens) else { i += 1; continue }
            var rootSpan = span
            // "a pair of (the) scissors", "groups of people": one phrase rooted at the second noun.
            while span.end + 1 < tokens.count, tokens[span.end].token.lower == "of",
                  ClosedClassWords.ofHeads.contains(lemmatizer.lemma(tokens[span.end - 1].token.lower)),
                  span.end - span.firstKept <= 3,
                  let inner = self.span(from: span.end + 1, in: tokens) {
                rootSpan = inner
                span.end = inner.end
            }
            // "a body of water", "a bird of prey": WordNet nouns with "of" are one phrase and root.
            var collocation: String? = nil
            if rootSpan.start == span.start, span.end + 1 < tokens.count, tokens[span.end].token.lower == "of",
               let inner = self.span(from: span.end + 1, in: tokens), inner.start == inner.firstKept,
               inner.end == inner.start + 1,
               let form = ofCollocation(tokens[span.end - 1].token.lower, tokens[inner.start].token.lower) {
                collocation = form
                span.end = inner.end
            }
            phrases.append(makePhrase(span: span, rootSpan: rootSpan, root: collocation, tokens: tokens))
            i = span.end
        }
        return phrases
    }

    private func isModifier(_ t: TaggedToken) -> Bool {
        switch t.tag {
        case .adjective, .noun, .properNoun, .numeral: true
        default: false
        }
    }

    private func isHead(_ t: TaggedToken) -> Bool {
        t.tag == .noun || t.tag == .properNoun
    }

    /// The longest phrase starting at `start`, or nil when none starts there.
    private func span(from start: Int, in tokens: [TaggedToken]) -> Span? {
        var j = start
        while j < tokens.count, tokens[j].tag == .determiner { j += 1 }
        let firstKept = j
        var lastHead: Int? = nil
        while j < tokens.count {
            let t = tokens[j]
            if isModifier(t) {
                if isHead(t) { lastHead = j }
                j += 1
            } else if t.tag == .adverb, j + 1 < tokens.count,
                      tokens[j + 1].tag == .adjective || tokens[j + 1].tag == .numeral {
                j += 1
            } else if (t.tag == .coordinator && ["and", "or", "&"].contains(t.token.lower))
                        || (t.tag == .punctuation && t.token.lower == ","),
                      j > firstKept, coordinatesModifiers(at: j, in: tokens, comma: t.tag == .punctuation,
                                                          firstKept: firstKept) {
                j += 1
            } else {
                break
            }
        }
        guard let head = lastHead else { return nil }
        return Span(start: start, firstKept: firstKept, end: head + 1)
    }

    /// "black and white cat", "two or three dogs": the words on both sides of the conjunction
    /// modify one head that follows.
    /// A comma joins only adjectives ("large, placid lake"); "and"/"or" also joins singular noun
    /// modifiers of one head ("food and water bowls", "salt and pepper shakers").
    private func coordinatesModifiers(at j: Int, in tokens: [TaggedToken], comma: Bool, firstKept: Int) -> Bool {
        let before = tokens[j - 1]
        let beforeOK = before.tag == .adjective || (!comma && before.tag == .numeral)
            || (before.tag == .noun && !before.entry.pluralNoun && (before.entry.canAdjective || !comma))
        guard beforeOK else { return false }
        var k = j + 1
        while k < tokens.count, tokens[k].tag == .adverb { k += 1 }
        if comma, k < tokens.count, tokens[k].tag == .coordinator { return false }
        guard k < tokens.count else { return false }
        let after = tokens[k]
        if before.tag == .noun && !before.entry.canAdjective {
            // A noun with modifiers of its own, or one followed by an adjective, ends a phrase:
            // "white hat and blue shirt", "denim jacket and baseball cap", "backpack and dark
            // glasses" are two phrases each.
            if after.tag == .adjective || (j - 2 >= firstKept && isModifier(tokens[j - 2])) { return false }
        }
        guard after.tag == .adjective || (before.tag == .numeral && after.tag == .numeral)
                || (after.tag == .noun && (after.entry.canAdjective || (!comma && !before.entry.canAdjective))) else { return false }
        if comma && before.tag != .adjective && after.tag != .adjective { return false }
        // A head noun must follow the coordinated modifiers.
        var m = k + 1
        while m < tokens.count, isModifier(tokens[m]) {
            if isHead(tokens[m]) { return true }
            m += 1
        }
        return false
    }

    /// The WordNet noun "HEAD of NOUN" (base form), if there is one.
    private func ofCollocation(_ head: String, _ noun: String) -> String? {
        guard lemmatizer.morphy.lexicon.longestNounCollocation >= 3 else { return nil }
        return nounCollocation("\(head) of \(noun)")
    }

    /// The WordNet noun these space-separated words form, as its base form (a lemma that
    /// differs from the words, as "teddy bears" → "teddy bear", wins), or nil when none.
    private func nounCollocation(_ words: String) -> String? {
        let forms = lemmatizer.morphy.baseForms(words, pos: .noun)
        return forms.first(where: { $0 != words }) ?? forms.first
    }

    private func makePhrase(span: Span, rootSpan: Span, root: String? = nil, tokens: [TaggedToken]) -> NounPhrase {
        var text = ""
        for k in span.firstKept..<span.end where tokens[k].tag != .determiner {
            if !text.isEmpty && tokens[k].tag != .punctuation { text += " " }
            text += tokens[k].token.lower
        }
        let lower = tokens[span.firstKept].token.range.lowerBound
        let upper = tokens[span.end - 1].token.range.upperBound
        return NounPhrase(text: text, root: root ?? self.root(of: rootSpan, tokens: tokens),
                          range: lower..<upper)
    }

    /// Adjectives of size, age and colour that WordNet fuses with common nouns ("old man",
    /// "big cat", "white house"); such collocations are not taken as one root.
    private static let nonFusingModifiers: Set<String> = [
        "old", "young", "big", "little", "small", "large", "great", "good", "bad", "new", "long",
        "short", "tall", "high", "low", "dark", "light", "white", "black", "red", "green", "blue",
        "yellow", "brown", "grey", "gray", "pink", "orange", "purple", "golden", "open", "front",
        "back", "top", "wild", "dry", "wet", "cold", "warm", "fresh", "free", "full", "wooden",
    ]

    private func root(of span: Span, tokens: [TaggedToken]) -> String {
        let headIndex = span.end - 1
        // A proper name is its own root: "Conan Edogawa", "Mona Lisa".
        if tokens[headIndex].tag == .properNoun {
            var first = headIndex
            while first > span.firstKept,
                  tokens[first - 1].tag == .properNoun || (tokens[first - 1].tag == .noun && tokens[first - 1].token.capitalized) {
                first -= 1
            }
            return (first...headIndex).map { tokens[$0].token.lower }.joined(separator: " ")
        }
        let longest = min(lemmatizer.morphy.lexicon.longestNounCollocation, 4)
        if longest >= 2 {
            for length in stride(from: min(longest, headIndex - span.firstKept + 1), through: 2, by: -1) {
                let first = headIndex - length + 1
                guard (first...headIndex).allSatisfy({ isModifier(tokens[$0]) }),
                      !Self.nonFusingModifiers.contains(tokens[first].token.lower) else { continue }
                let words = (first...headIndex).map { tokens[$0].token.lower }.joined(separator: " ")
                if let form = nounCollocation(words) { return form }
            }
        }
        return lemmatizer.lemma(tokens[headIndex].token.lower)
    }
}
