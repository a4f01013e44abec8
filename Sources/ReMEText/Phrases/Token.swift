/// One token of a caption: a word, number, punctuation mark or clitic (`'s`).
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punctuation, possessive }

    var kind: Kind
    /// Lowercased text; curly apostrophes are folded to `'`.
    var lower: String
    /// True when the original starts with an uppercase letter.
    var capitalized: Bool
    var range: Range<String.Index>
}

/// Splits a caption into tokens in one linear pass. Words keep inner hyphens
/// ("black-and-white", "t-shirt"); `'s` / `'` after a word becomes its own possessive token.
enum Tokenizer {
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        let end = text.endIndex
        while index < end {
            let c = text[index]
            if c.isLetter || c.isNumber {
                let start = index
                var hasLetter = false
                var wordEnd = index
                var cursor = index
                while cursor < end {
                    let ch = text[cursor]
                    if ch.isLetter || ch.isNumber {
                        if ch.isLetter { hasLetter = true }
                        cursor = text.index(after: cursor)
                        wordEnd = cursor
                    } else if (ch == "-" || ch == "." || ch == ",") && wordEnd == cursor {
                        // Inner hyphen, or decimal point / thousands separator between digits.
                        let next = text.index(after: cursor)
                        guard next < end, text[next].isLetter || text[next].isNumber else { break }
                        if ch != "-" && !(text[text.index(before: cursor)].isNumber && text[next].isNumber) { break }
                        cursor = next
                    } else {
                        break
                    }
                }
                let range = start..<wordEnd
                let raw = text[range]
                tokens.append(Token(kind: hasLetter ? .word : .number, lower: raw.lowercased(),
                                    capitalized: raw.first?.isUppercase ?? false, range: range))
                index = wordEnd
                if index < end, text[index] == "'" || text[index] == "\u{2019}" {
                    index = apostrophe(after: index, in: text, tokens: &tokens)
                }
            } else if c.isWhitespace || c == "\u{FFFD}" {
                // U+FFFD stands for bytes that were not UTF-8: skipped like a space.
                index = text.index(after: index)
            } else {
                let next = text.index(after: index)
                tokens.append(Token(kind: .punctuation, lower: String(c), capitalized: false,
                                    range: index..<next))
                index = next
            }
        }
        return tokens
    }

    /// Handles `'s`, `'`, `n't`, `'re`… after a word; returns where scanning goes on.
    private static func apostrophe(after index: String.Index, in text: String, tokens: inout [Token]) -> String.Index {
        let afterMark = text.index(after: index)
        var cursor = afterMark
        while cursor < text.endIndex, text[cursor].isLetter { cursor = text.index(after: cursor) }
        let suffix = text[afterMark..<cursor].lowercased()
        switch suffix {
        case "s":
            tokens.append(Token(kind: .possessive, lower: "'s", capitalized: false, range: index..<cursor))
            return cursor
        case "":
            if let last = tokens.last, last.lower.hasSuffix("s") {
                tokens.append(Token(kind: .possessive, lower: "'", capitalized: false, range: index..<afterMark))
                return afterMark
            }
            return index
        case "re", "ve", "ll", "d", "m", "t":
            tokens.append(Token(kind: .word, lower: "'" + suffix, capitalized: false, range: index..<cursor))
            return cursor
        default:
            // An apostrophe inside a word ("o'clock", "O'Neill", "ma'am"): one word token.
            guard let last = tokens.popLast() else { return index }
            let range = last.range.lowerBound..<cursor
            tokens.append(Token(kind: .word, lower: String(text[range].lowercased().map { $0 == "\u{2019}" ? "'" : $0 }),
                                capitalized: last.capitalized, range: range))
            return cursor
        }
    }
}
