import Foundation

/// CLIP's text normalisation and word splitting, as transformers 5.24's `CLIPTokenizer`
/// (tokenizers backend) does it: NFC, every whitespace run → one space, lowercase (per
/// character, no context), then the pieces of
/// `<|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+`
/// with whitespace dropped. (No ftfy and no HTML unescaping: transformers 5 dropped the slow
/// tokenizer that did them.)
enum CLIPTextSplitter {
    static let contractions = ["s", "t", "re", "ve", "m", "ll", "d"]
    static let specialPieces = ["<|startoftext|>", "<|endoftext|>"]

    static func normalize(_ text: Substring) -> [Unicode.Scalar] {
        let composed = String(text).precomposedStringWithCanonicalMapping
        var out = [Unicode.Scalar]()
        out.reserveCapacity(composed.unicodeScalars.count)
        var inSpace = false
        for s in composed.unicodeScalars {
            if s.properties.isWhitespace {
                if !inSpace { out.append(" ") }
                inSpace = true
                continue
            }
            inSpace = false
            out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
        return out
    }

    enum Kind { case space, letter, number, other }

    @inline(__always)
    static func kind(_ s: Unicode.Scalar) -> Kind {
        if s.properties.isWhitespace { return .space }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: return .other
        }
    }

    /// The words of already-normalised text.
    static func split(_ scalars: [Unicode.Scalar]) -> [String] {
        var words = [String]()
        var i = 0
        let n = scalars.count
        func matches(_ literal: String, at start: Int) -> Bool {
            var j = start
            for c in literal.unicodeScalars {
                guard j < n, scalars[j] == c else { return false }
                j += 1
            }
            return true
        }
        func word(_ range: Range<Int>) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[range])
            return String(s)
        }
        while i < n {
            let s = scalars[i]
            if s == "<", let special = specialPieces.first(where: { matches($0, at: i) }) {
                words.append(special)
                i += special.unicodeScalars.count
                continue
            }
            if s == "'", let c = contractions.first(where: { matches($0, at: i + 1) }) {
                words.append("'" + c)
                i += 1 + c.unicodeScalars.count
                continue
            }
            switch kind(s) {
            case .space:
                i += 1
            case .number:
                words.append(word(i..<(i + 1)))
                i += 1
            case .letter:
                var j = i + 1
                while j < n, kind(scalars[j]) == .letter { j += 1 }
                words.append(word(i..<j))
                i = j
            case .other:
                var j = i + 1
                while j < n, kind(scalars[j]) == .other { j += 1 }
                words.append(word(i..<j))
                i = j
            }
        }
        return words
    }
}
