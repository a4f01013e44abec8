/// Byte-pair encoding of one pre-tokenized word: start from its characters (the last one
/// carrying the end-of-word suffix) and repeatedly merge the adjacent pair with the lowest
/// merge rank, leftmost first, until no ranked pair remains.
struct BytePairEncoder: Sendable {
    struct Pair: Hashable, Sendable {
        var left: String
        var right: String
    }

    let ranks: [Pair: Int]
    let endOfWordSuffix: String

    init(merges: [(String, String)], endOfWordSuffix: String) {
        var ranks = [Pair: Int](minimumCapacity: merges.count)
        for (rank, merge) in merges.enumerated() where ranks[Pair(left: merge.0, right: merge.1)] == nil {
            ranks[Pair(left: merge.0, right: merge.1)] = rank
        }
        self.ranks = ranks
        self.endOfWordSuffix = endOfWordSuffix
    }

    func encode(_ characters: [String]) -> [String] {
        guard !characters.isEmpty else { return [] }
        var symbols = characters
        symbols[symbols.count - 1] += endOfWordSuffix
        while symbols.count > 1 {
            var best = Int.max, at = -1
            for i in 0..<(symbols.count - 1) {
                if let r = ranks[Pair(left: symbols[i], right: symbols[i + 1])], r < best {
                    best = r
                    at = i
                }
            }
            if at < 0 { break }
            let pair = Pair(left: symbols[at], right: symbols[at + 1])
            var merged = [String]()
            merged.reserveCapacity(symbols.count - 1)
            var i = 0
            while i < symbols.count {
                if i + 1 < symbols.count, symbols[i] == pair.left, symbols[i + 1] == pair.right {
                    merged.append(pair.left + pair.right)
                    i += 2
                } else {
                    merged.append(symbols[i])
                    i += 1
                }
            }
            symbols = merged
        }
        return symbols
    }
}
