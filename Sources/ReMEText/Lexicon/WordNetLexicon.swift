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
    /// Whether `cntlist.rev` supplied the usage frequencies.
    public private(set) var hasUsageCounts = false

    /// The folder used when none is given: `$WNSEARCHDIR`, else `/usr/share/wordnet`.
    public static var defaultDirectory: String {
        ProcessInfo.processInfo.environment["WNSEARCHDIR"] ?? "/usr/share/wordnet"
    }

    /// Loads the database from `directory`.
    public init(directory: String = WordNetLexicon.defaultDirectory) throws(WordNetError) {
        for pos in WordNetPOS.allCases {
            let path = directory + "/index." + pos.fileSuffix
            let before = lemmas.count
            try WordNetFileScanner.forEachLine(of: path) { bytes, fields in self.addIndexLine(bytes, fields, pos: pos) }
            if pos == .noun && lemmas.count == before { throw .emptyIndex(path: path) }
        }
        for pos in WordNetPOS.allCases {
            let path = directory + "/" + pos.fileSuffix + ".exc"
            try WordNetFileScanner.forEachLine(of: path) { bytes, fields in self.addExceptionLine(bytes, fields, pos: pos) }
        }
        let countPath = directory + "/cntlist.rev"
        if FileManager.default.fileExists(atPath: countPath) {
            try loadCounts(path: countPath)
            hasUsageCounts = true
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

    /// Entry counts, which differ between WordNet releases: a cheap identity of the database
    /// for records that depend on it.
    public var summary: String {
        "WordNet \(lemmas.count) lemmas, \(exceptions.map(\.count).reduce(0, +)) exceptions"
            + (hasUsageCounts ? ", usage counts" : "")
    }

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

    /// `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...`
    private mutating func addIndexLine(_ bytes: UnsafeRawBufferPointer, _ fields: [Range<Int>], pos: WordNetPOS) {
        guard fields.count >= 4, let pointerCount = WordNetFileScanner.integer(bytes, fields[3]) else { return }
        let lemma = WordNetFileScanner.lemma(bytes, fields[0])
        let tagIndex = 4 + pointerCount + 1
        let tagged = tagIndex < fields.count ? WordNetFileScanner.integer(bytes, fields[tagIndex]) ?? 0 : 0
        lemmas[lemma, default: LemmaInfo()].add(pos, count: UInt32(clamping: tagged))
        if pos == .noun {
            let words = fields[0].reduce(1) { bytes[$1] == 0x5F ? $0 + 1 : $0 }
            longestNounCollocation = max(longestNounCollocation, words)
        }
    }

    /// `inflected base [base...]`
    private mutating func addExceptionLine(_ bytes: UnsafeRawBufferPointer, _ fields: [Range<Int>], pos: WordNetPOS) {
        guard fields.count >= 2 else { return }
        let word = WordNetFileScanner.lemma(bytes, fields[0])
        exceptions[pos.rawValue][word, default: []] += fields.dropFirst().map { WordNetFileScanner.lemma(bytes, $0) }
    }

    /// Replaces the index's sense counts by the concordance frequencies of `cntlist.rev`
    /// (lines `sense_key sense_number tag_count`, sense key `lemma%ss_type:...`).
    private mutating func loadCounts(path: String) throws(WordNetError) {
        var counts: [String: (UInt32, UInt32, UInt32, UInt32)] = [:]
        try WordNetFileScanner.forEachLine(of: path) { bytes, fields in
            guard fields.count == 3, let count = WordNetFileScanner.integer(bytes, fields[2]) else { return }
            guard let (lemma, synsetType) = WordNetFileScanner.senseKey(bytes, fields[0]) else { return }
            let c = UInt32(clamping: count)
            var entry = counts[lemma] ?? (0, 0, 0, 0)
            switch synsetType {
            case 0x31: entry.0 &+= c
            case 0x32: entry.1 &+= c
            case 0x33, 0x35: entry.2 &+= c
            case 0x34: entry.3 &+= c
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
}
