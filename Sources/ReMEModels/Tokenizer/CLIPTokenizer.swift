import Foundation

/// CLIP's byte-level BPE tokenizer, giving the same ids as transformers 5.24's `CLIPTokenizer`:
/// `<|startoftext|>`, at most `maxLength − 2` word pieces (longer text is truncated), `<|endoftext|>`,
/// then (in `encode`) padding to `maxLength` with the pad token.
public struct CLIPTokenizer: Sendable {
    public static let startOfTextToken = "<|startoftext|>"
    public static let endOfTextToken = "<|endoftext|>"

    public let vocabulary: [String: Int]
    let encoder: BytePairEncoder
    public let startOfTextID: Int
    public let endOfTextID: Int
    public let padID: Int
    public var maxLength: Int

    /// - Parameters:
    ///   - vocabulary: token → id (`vocab.json`).
    ///   - merges: ranked pairs (`merges.txt`, without its `#version` header).
    ///   - padToken: the pad token (`<|endoftext|>` for OpenAI's checkpoints).
    public init(vocabulary: [String: Int], merges: [(String, String)],
                padToken: String = endOfTextToken, maxLength: Int = 77) throws(ModelError) {
        func id(_ token: String) throws(ModelError) -> Int {
            guard let id = vocabulary[token] else {
                throw .invalidConfig(file: "vocab.json", reason: "has no token '\(token)'")
            }
            return id
        }
        guard maxLength >= 2 else { throw .invalidInput("maxLength must leave room for the two special tokens") }
        self.vocabulary = vocabulary
        self.encoder = BytePairEncoder(merges: merges, endOfWordSuffix: "</w>")
        self.startOfTextID = try id(Self.startOfTextToken)
        self.endOfTextID = try id(Self.endOfTextToken)
        self.padID = try id(padToken)
        self.maxLength = maxLength
    }

    /// Builds the vocabulary from OpenAI's `bpe_simple_vocab_16e6.txt` (decompressed) the way
    /// open_clip and the transformers conversion do: the 48 894 merges after the header line;
    /// vocabulary = 256 byte characters, the same with `</w>`, each merge joined, then the two
    /// special tokens (49 408 entries).
    public init(openAIMergesText text: String, maxLength: Int = 77) throws(ModelError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let mergeCount = 49152 - 256 - 2
        guard lines.count > mergeCount else {
            throw .invalidConfig(file: "bpe_simple_vocab_16e6.txt", reason: "has \(lines.count) lines, expected more than \(mergeCount)")
        }
        let merges = try Self.parseMerges(lines[1...mergeCount], file: "bpe_simple_vocab_16e6.txt")
        let bytes = ByteLevelAlphabet.vocabularyOrder.map(String.init)
        var tokens = bytes + bytes.map { $0 + "</w>" } + merges.map { $0.0 + $0.1 }
        tokens += [Self.startOfTextToken, Self.endOfTextToken]
        var vocabulary = [String: Int](minimumCapacity: tokens.count)
        for (i, t) in tokens.enumerated() { vocabulary[t] = i }
        try self.init(vocabulary: vocabulary, merges: merges, maxLength: maxLength)
    }

    static func parseMerges<S: Sequence>(_ lines: S, file: String) throws(ModelError) -> [(String, String)]
    where S.Element == Substring {
        var merges = [(String, String)]()
        for (n, line) in lines.enumerated() {
            if line.hasPrefix("#version") || line.isEmpty { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw .invalidConfig(file: file, reason: "merge \(n + 1) is not two space-separated symbols: '\(line)'")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        return merges
    }

    /// Token ids with the start and end tokens, truncated to `maxLength`, not padded.
    public func tokenize(_ text: String) -> [Int] {
        var ids = [startOfTextID]
        let room = maxLength - 2
        for piece in specialSplit(text) {
            if ids.count - 1 >= room { break }
            switch piece {
            case let .special(id): ids.append(id)
            case let .text(segment):
                for word in CLIPTextSplitter.split(CLIPTextSplitter.normalize(segment)) {
                    for token in encoder.encode(ByteLevelAlphabet.encode(word.utf8[...])) {
                        ids.append(vocabulary[token] ?? endOfTextID)
                    }
                    if ids.count - 1 >= room { break }
                }
            }
        }
        if ids.count - 1 > room { ids.removeLast(ids.count - 1 - room) }
        ids.append(endOfTextID)
        return ids
    }

    /// `tokenize` padded with the pad token to exactly `maxLength` ids (the model input).
    public func encode(_ text: String) -> [Int] {
        let ids = tokenize(text)
        return ids + [Int](repeating: padID, count: maxLength - ids.count)
    }

    private enum Piece { case special(Int), text(Substring) }

    /// Special tokens written in the text become their ids before any normalisation, as the
    /// tokenizers library treats added tokens.
    private func specialSplit(_ text: String) -> [Piece] {
        var pieces = [Piece]()
        var rest = text[...]
        while !rest.isEmpty {
            let hits = [(Self.startOfTextToken, startOfTextID), (Self.endOfTextToken, endOfTextID)]
                .compactMap { token, id in rest.range(of: token).map { ($0, id) } }
            guard let (range, id) = hits.min(by: { $0.0.lowerBound < $1.0.lowerBound }) else {
                pieces.append(.text(rest))
                break
            }
            if range.lowerBound > rest.startIndex { pieces.append(.text(rest[..<range.lowerBound])) }
            pieces.append(.special(id))
            rest = rest[range.upperBound...]
        }
        return pieces
    }
}
