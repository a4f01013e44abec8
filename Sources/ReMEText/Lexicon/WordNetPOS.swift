/// The four WordNet parts of speech, in the order of the database files.
public enum WordNetPOS: Int, CaseIterable, Sendable {
    case noun = 0, verb, adjective, adverb

    /// The suffix of the database files for this part of speech (`index.noun`, `noun.exc`, …).
    var fileSuffix: String {
        switch self {
        case .noun: "noun"
        case .verb: "verb"
        case .adjective: "adj"
        case .adverb: "adv"
        }
    }
}

/// What the lexicon knows about one lemma: whether it has entries for each part of speech,
/// and how often its senses were seen in the WordNet semantic concordance.
public struct LemmaInfo: Sendable, Equatable {
    /// Bit `pos.rawValue` is set when the lemma has an entry in `index.<pos>`.
    var posMask: UInt8 = 0
    /// Per part of speech: summed `cntlist.rev` tag counts, or the `tagsense_cnt` of the index
    /// line when the count list is absent. Used only to break ties.
    var frequency: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)

    public func has(_ pos: WordNetPOS) -> Bool { posMask & (1 << UInt8(pos.rawValue)) != 0 }

    public func frequency(_ pos: WordNetPOS) -> Int {
        switch pos {
        case .noun: Int(frequency.0)
        case .verb: Int(frequency.1)
        case .adjective: Int(frequency.2)
        case .adverb: Int(frequency.3)
        }
    }

    mutating func add(_ pos: WordNetPOS, count: UInt32) {
        posMask |= 1 << UInt8(pos.rawValue)
        switch pos {
        case .noun: frequency.0 &+= count
        case .verb: frequency.1 &+= count
        case .adjective: frequency.2 &+= count
        case .adverb: frequency.3 &+= count
        }
    }

    mutating func setFrequency(_ pos: WordNetPOS, _ count: UInt32) {
        switch pos {
        case .noun: frequency.0 = count
        case .verb: frequency.1 = count
        case .adjective: frequency.2 = count
        case .adverb: frequency.3 = count
        }
    }

    public static func == (a: LemmaInfo, b: LemmaInfo) -> Bool {
        a.posMask == b.posMask && a.frequency == b.frequency
    }
}
