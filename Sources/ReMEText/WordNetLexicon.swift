import Foundation

/// The WordNet database as a lexicon: which parts of speech each lemma (and multi-word noun)
/// can take, the irregular-form exception lists, and per-POS usage frequencies.
///
/// Loaded from the `index.*`, `*.exc` and (optional) `cntlist.rev` files of a WordNet 3.0
/// installation, e.g. Debian's `wordnet-base` in `/usr/share/wordnet`.
public struct WordNetLexicon: Sendable {
    /// Lemmas keyed by their lowercased text; multi-word lemmas use spaces ("traffic light").
    private(set) var lemmas: [String: LemmaInfo] = [:]
    /// `exceptions[pos.rawValue][inflected]` = base forms, from `<pos>.exc`.
    private(set) var exceptions: [[String: [String]]] = Array(repeating: [:], count: 4)
    /// The longest multi-word noun, in words (bounds the collocation search).
    public private(set) var longestNounCollocation = 1

    /// The folder used when none is given: `$WNSEARCHDIR`, else `/usr/share/wordnet`.
    public static var defaultDirectory: String {
        ProcessInfo.processInfo.environment["WNSEARCHDIR"] ?? "/usr/share/wordnet"
    }

    /// Loads the database from `directory`.
    public init(directory: String = WordNetLexicon.defaultDirectory) throws(WordNetError) {
        for pos in WordNetPOS.allCases {
            let path = directory + "/index." + pos.fileSuffix
            let before = lemmas.count
            try Self.forEachLine(of: path) { line in self.addIndexLine(line, pos: pos) }
            if pos == .noun && lemmas.count == before { throw .emptyIndex(path: path) }
        }
        for pos in WordNetPOS.allCases {
            let path = directory + "/" + pos.fileSuffix + ".exc"
            try Self.forEachLine(of: path) { line in self.addExceptionLine(line, pos: pos) }
        }
        let countPath = directory + "/cntlist.rev"
        if FileManager.default.fileExists(atPath: countPath) {
            try loadCounts(path: countPath)
        }
    }

    /// A lexicon shared by the whole process, loaded on first use from the default folder.
    public static func shared() throws(WordNetError) -> WordNetLexicon {
        switch sharedResult {
        case .success(let lexicon): return lexicon
        case .failure(let error): throw error
        }
    }

    private static let sharedResult: Result<WordNetLexicon, WordNetError> = Result { () throws(WordNetError) in
        try WordNetLexicon()
    }

    // MARK: Queries

    /// The entry of `lemma` (lowercased, words separated by single spaces), if WordNet has one.
    public func info(_ lemma: String) -> LemmaInfo? { lemmas[lemma] }

    public func contains(_ lemma: String, as pos: WordNetPOS) -> Bool {
        lemmas[lemma]?.has(pos) ?? false
    }

    /// Base forms listed for an irregular inflected form (`children` → `child`).
    public func exceptionBases(_ word: String, pos: WordNetPOS) -> [String] {
        exceptions[pos.rawValue][word] ?? []
    }

    // MARK: Parsing

    private mutating func addIndexLine(_ line: Substring, pos: WordNetPOS) {
        guard let first = line.first, first != " " else { return }  // licence header lines
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 4, let pointerCount = Int(fields[3]) else { return }
        let lemma = fields[0].replacingOccurrences(of: "_", with: " ").lowercased()
        let tagIndex = 4 + pointerCount + 1
        let tagged = tagIndex < fields.count ? UInt32(fields[tagIndex]) ?? 0 : 0
        lemmas[lemma, default: LemmaInfo()].add(pos, count: tagged)
        if pos == .noun {
            let words = lemma.reduce(1) { $1 == " " ? $0 + 1 : $0 }
            longestNounCollocation = max(longestNounCollocation, words)
        }
    }

    private mutating func addExceptionLine(_ line: Substring, pos: WordNetPOS) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2 else { return }
        let word = fields[0].replacingOccurrences(of: "_", with: " ")
        exceptions[pos.rawValue][word, default: []] += fields.dropFirst()
            .map { $0.replacingOccurrences(of: "_", with: " ") }
    }

    /// Replaces the index's sense counts by the concordance frequencies of `cntlist.rev`
    /// (lines `sense_key sense_number tag_count`, sense key `lemma%ss_type:...`).
    private mutating func loadCounts(path: String) throws(WordNetError) {
        var counts: [String: (UInt32, UInt32, UInt32, UInt32)] = [:]
        try Self.forEachLine(of: path) { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, let count = UInt32(fields[2]),
                  let percent = fields[0].firstIndex(of: "%") else { return }
            let key = fields[0]
            let lemma = key[..<percent].replacingOccurrences(of: "_", with: " ")
            let typeIndex = key.index(after: percent)
            guard typeIndex < key.endIndex else { return }
            var entry = counts[lemma] ?? (0, 0, 0, 0)
            switch key[typeIndex] {
            case "1": entry.0 &+= count
            case "2": entry.1 &+= count
            case "3", "5": entry.2 &+= count
            case "4": entry.3 &+= count
            default: return
            }
            counts[lemma] = entry
        }
        for (lemma, c) in counts {
            guard var info = lemmas[lemma] else { continue }
            info.setFrequency(.noun, c.0)
            info.setFrequency(.verb, c.1)
            info.setFrequency(.adjective, c.2)
            info.setFrequency(.adverb, c.3)
            lemmas[lemma] = info
        }
    }

    private static func forEachLine(of path: String, _ body: (Substring) -> Void) throws(WordNetError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            body(line)
        }
    }
}
