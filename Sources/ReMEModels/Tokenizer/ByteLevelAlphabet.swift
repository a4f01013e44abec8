/// GPT-2's reversible byte → printable character table (`bytes_to_unicode`): printable
/// Latin-1 bytes map to themselves, the other 68 to U+0100… in byte order.
enum ByteLevelAlphabet {
    static let characters: [Character] = {
        var printable = Set<UInt8>()
        for b in UInt8(ascii: "!")...UInt8(ascii: "~") { printable.insert(b) }
        for b in UInt8(0xA1)...UInt8(0xAC) { printable.insert(b) }
        for b in UInt8(0xAE)...UInt8(0xFF) { printable.insert(b) }
        var table = [Character](repeating: " ", count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            if printable.contains(UInt8(b)) {
                table[b] = Character(Unicode.Scalar(UInt8(b)))
            } else {
                table[b] = Character(Unicode.Scalar(next)!)
                next += 1
            }
        }
        return table
    }()

    /// The table in `bytes_to_unicode()` order: printable bytes first, then the remapped ones
    /// (the order of the first 256 entries of OpenAI's CLIP vocabulary).
    static let vocabularyOrder: [Character] = {
        let printable = Array(UInt8(ascii: "!")...UInt8(ascii: "~")) + Array(UInt8(0xA1)...UInt8(0xAC))
            + Array(UInt8(0xAE)...UInt8(0xFF))
        let rest = (0..<256).map(UInt8.init).filter { !printable.contains($0) }
        return (printable + rest).map { characters[Int($0)] }
    }()

    static func encode(_ text: Substring.UTF8View) -> [String] {
        text.map { String(characters[Int($0)]) }
    }
}
