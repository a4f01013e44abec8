import Foundation

/// The noun half of the WordNet database as a graph: every noun's senses in sense-number
/// order with their lexicographer file and concordance frequency, and each synset's
/// hypernyms (`@` and `@i` pointers).
///
/// Loaded from `index.noun`, `data.noun` and (optional) `cntlist.rev`; about 1 s and 20 MB.
public struct WordNetNouns: Sendable {
    private var senseLists: [String: [NounSense]] = [:]
    private var hypernymLists: [UInt32: [UInt32]] = [:]

    public init(directory: String = WordNetLexicon.defaultDirectory) throws(WordNetError) {
        var files: [UInt32: LexicographerFile] = [:]
        var instances = Set<UInt32>()
        let dataPath = directory + "/data.noun"
        try WordNetFileScanner.forEachLine(of: dataPath) { bytes, fields in
            // offset lex_filenum ss_type w_cnt(hex) (word lex_id)… p_cnt (symbol offset pos source/target)…
            guard fields.count >= 4, let offset = WordNetFileScanner.integer(bytes, fields[0]),
                  let number = WordNetFileScanner.integer(bytes, fields[1]),
                  let file = LexicographerFile(rawValue: number),
                  let words = Self.hexadecimal(bytes, fields[3]) else { return }
            let synset = UInt32(truncatingIfNeeded: offset)
            files[synset] = file
            let pointerField = 4 + 2 * words
            guard pointerField < fields.count, let pointers = WordNetFileScanner.integer(bytes, fields[pointerField]) else { return }
            var hypernyms: [UInt32] = []
            for p in 0..<pointers {
                let base = pointerField + 1 + 4 * p
                guard base + 2 < fields.count else { break }
                let symbol = fields[base]
                let isInstanceOf = symbol.count == 2 && bytes[symbol.lowerBound + 1] == 0x69
                let isHypernym = bytes[symbol.lowerBound] == 0x40 && (symbol.count == 1 || isInstanceOf)  // "@" or "@i"
                guard isHypernym, bytes[fields[base + 2].lowerBound] == 0x6E,
                      let target = WordNetFileScanner.integer(bytes, fields[base + 1]) else { continue }
                hypernyms.append(UInt32(truncatingIfNeeded: target))
                if isInstanceOf { instances.insert(synset) }
            }
            if !hypernyms.isEmpty { hypernymLists[synset] = hypernyms }
        }
        if files.isEmpty { throw .emptyIndex(path: dataPath) }

        let indexPath = directory + "/index.noun"
        try WordNetFileScanner.forEachLine(of: indexPath) { bytes, fields in
            // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
            guard fields.count >= 4, let synsets = WordNetFileScanner.integer(bytes, fields[2]),
                  let pointers = WordNetFileScanner.integer(bytes, fields[3]) else { return }
            let first = 4 + pointers + 2
            guard first + synsets <= fields.count else { return }
            var senses: [NounSense] = []
            senses.reserveCapacity(synsets)
            for field in fields[first..<(first + synsets)] {
                guard let offset = WordNetFileScanner.integer(bytes, field),
                      let file = files[UInt32(truncatingIfNeeded: offset)] else { continue }
                let synset = UInt32(truncatingIfNeeded: offset)
                senses.append(NounSense(synset: synset, file: file, tagCount: 0, isInstance: instances.contains(synset)))
            }
            senseLists[WordNetFileScanner.lemma(bytes, fields[0])] = senses
        }
        let countPath = directory + "/cntlist.rev"
        if FileManager.default.fileExists(atPath: countPath) {
            try WordNetFileScanner.forEachLine(of: countPath) { bytes, fields in
                // sense_key sense_number tag_count, sense key `lemma%1:…` for nouns
                guard fields.count == 3, let number = WordNetFileScanner.integer(bytes, fields[1]),
                      let count = WordNetFileScanner.integer(bytes, fields[2]) else { return }
                guard let (lemma, synsetType) = WordNetFileScanner.senseKey(bytes, fields[0]), synsetType == 0x31 else { return }
                guard number >= 1, var senses = senseLists[lemma], number <= senses.count else { return }
                senses[number - 1].tagCount = count
                senseLists[lemma] = senses
            }
        }
    }

    /// A database shared by the whole process, loaded on first use from the default folder.
    public static func shared() throws(WordNetError) -> WordNetNouns {
        switch sharedResult {
        case .success(let nouns): return nouns
        case .failure(let error): throw error
        }
    }

    private static let sharedResult: Result<WordNetNouns, WordNetError> = Result { () throws(WordNetError) in
        try WordNetNouns()
    }

    /// The noun senses of `lemma` (lowercased, words separated by spaces) in WordNet's
    /// sense order, most frequent first; empty when WordNet has no such noun.
    public func senses(of lemma: String) -> [NounSense] { senseLists[lemma] ?? [] }

    /// The direct hypernyms of a synset.
    public func hypernyms(of synset: UInt32) -> [UInt32] { hypernymLists[synset] ?? [] }

    /// The shares of physical, location and abstract meaning among the common-noun senses of
    /// `lemma` (proper names left out), each sense weighted by `tagCount + 1` (so untagged
    /// senses count a little and a lemma with no tagged sense counts its senses equally); nil
    /// when WordNet lacks the noun.
    public func profile(of lemma: String) -> NounSenseProfile? {
        let all = senses(of: lemma)
        let common = all.filter { !$0.isInstance }
        let senses = common.isEmpty ? all : common
        guard !senses.isEmpty else { return nil }
        var physical = 0.0, location = 0.0, total = 0.0
        for sense in senses {
            let weight = Double(sense.tagCount + 1)
            total += weight
            if sense.file.isPhysical { physical += weight } else if sense.file == .location { location += weight }
        }
        return NounSenseProfile(physical: physical / total, location: location / total,
                                abstract: (total - physical - location) / total)
    }

    /// The senses that carry a lemma's everyday meaning: those tagged at least `share` as
    /// often as all its senses together, or the first sense when none was ever tagged.
    public func salientSenses(of lemma: String, share: Double = 0.25) -> [NounSense] {
        let senses = senses(of: lemma).filter { !$0.isInstance }
        let total = senses.reduce(0) { $0 + $1.tagCount }
        guard total > 0 else { return Array(senses.prefix(1)) }
        return senses.filter { Double($0.tagCount) >= share * Double(total) }
    }

    /// How `word` relates to `other` through their salient senses: the same synset, or
    /// `word` a hyponym of `other` at most `maxSteps` hypernym links below it; nil otherwise.
    /// Directed: `relation("puppy", "dog")` is `.hyponym(1)`, `relation("dog", "puppy")` nil.
    public func relation(of word: String, to other: String, maxSteps: Int = 2) -> NounRelation? {
        let mine = salientSenses(of: word), theirs = Set(salientSenses(of: other).map(\.synset))
        guard !mine.isEmpty, !theirs.isEmpty else { return nil }
        if mine.contains(where: { theirs.contains($0.synset) }) { return .synonym }
        var frontier = mine.map(\.synset)
        var seen = Set(frontier)
        for step in 1...max(1, maxSteps) {
            var next: [UInt32] = []
            for synset in frontier {
                for parent in hypernyms(of: synset) where seen.insert(parent).inserted {
                    if theirs.contains(parent) { return .hyponym(steps: step) }
                    next.append(parent)
                }
            }
            frontier = next
        }
        return nil
    }

    static func hexadecimal(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for j in range {
            let b = Int(bytes[j])
            let digit: Int
            switch b {
            case 48...57: digit = b - 48
            case 97...102: digit = b - 87
            case 65...70: digit = b - 55
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}
