/// WordNet's lexicographer files for nouns (`lexnames`, numbers 3–28): the coarse semantic
/// category every noun sense is filed under.
public enum LexicographerFile: Int, Sendable, CaseIterable, CustomStringConvertible {
    case tops = 3, act, animal, artifact, attribute, body, cognition, communication, event, feeling,
         food, group, location, motive, object, person, phenomenon, plant, possession, process,
         quantity, relation, shape, state, substance, time

    /// The senses a segment of a photo can show: things, beings, stuff and visible phenomena.
    /// `group` is here because people words ("people", "crowd") and "forest" are filed under it;
    /// `tops` holds "person", "animal" and "plant".
    public var isPhysical: Bool {
        switch self {
        case .tops, .animal, .artifact, .body, .food, .group, .object, .person, .phenomenon, .plant, .substance: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .tops: "noun.Tops"
        default: "noun.\(String(describing: self) as String)"
        }
    }
}

/// How a noun's senses divide over the three kinds of meaning that matter for segments,
/// each sense weighted by its concordance frequency plus one.
public struct NounSenseProfile: Sendable, Equatable {
    /// Share of senses that name something visible (`LexicographerFile.isPhysical`).
    public var physical: Double
    /// Share of `noun.location` senses: places ("park") and relative positions ("left", "top").
    public var location: Double
    /// Share of every other sense: acts, attributes, cognition, time, states …
    public var abstract: Double
}
