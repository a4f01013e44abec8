import Foundation
import ReME
import ReMETestSupport

/// The roots, visual classes and toy embedding tables of a `RealisticWorld`: everything the
/// toy encoders need to know, built once per world.
///
/// Text vectors (the toy CLIP text tower, `textDimension`):
/// - a class's canonical root: an independent random unit vector, so among hundreds of roots
///   some unrelated pairs have cosines of 0.3–0.5 (as with CLIP);
/// - a synonym (`synonym_of`): its class vector plus `synonymNoise` × noise (cosine ≈ 0.76);
/// - abstract roots of kind positional / surroundings ("background", "setting"): a mixture
///   of 2–3 frequent stuff-like classes' vectors plus noise, so CLIP pairs them with
///   background-ish segments;
/// - other abstract roots (meta, activity, quality, …): independent random vectors.
/// Region prototypes (the toy DINOv2, `regionDimension`): per class a random unit vector plus
/// `visualKindShare` × a vector shared by its kind (person, animal, clothing, …), so classes of
/// one kind look alike (man, woman and boy segments are confused more than man and sky); unrelated to the text vectors.
/// Defaults (`Settings`): d = 64 for both towers, synonym noise 0.85, mixtures of the 10 most
/// frequent stuff-like classes with noise 0.6, kind share 0.8 (same-kind prototypes at
/// cosine ≈ 0.39).
final class RealisticVocabulary: Sendable {
    struct Root: Sendable {
        let record: RootRecord
        /// Probability that a caption mentions the root: df / documents.
        let probability: Double
        /// Index into `classes` for concrete roots.
        let visualClass: Int?
        var name: String { record.root }
    }

    struct VisualClass: Sendable {
        let name: String
        let kind: String
        /// Probability that a caption mentions some root of the class (roots independent).
        let probability: Double
        let roots: [Int]
    }

    struct Settings: Sendable {
        var textDimension = 64
        var regionDimension = 64
        var synonymNoise: Float = 0.85
        var mixtureNoise: Float = 0.6
        var mixturePool = 10
        var visualKindShare: Float = 0.8
        var seed: UInt64 = 1
    }

    /// Modifier words of generated phrases (none of them is a root of the statistics file).
    static let modifiers = ["small", "large", "old", "wooden", "shiny", "bright", "dark", "busy",
                            "colorful", "distant", "little", "big", "wet", "empty", "sunny", "narrow"]
    /// Words the toy text tower ignores.
    static let articles: Set<String> = ["a", "an", "the", "this"]

    let corpus: CaptionCorpus
    let settings: Settings
    /// Roots the corpus mentions (df > 0), in file order.
    let roots: [Root]
    let classes: [VisualClass]
    let rootIndex: [String: Int]
    /// Text vector per root (and per class name the corpus reaches only through synonyms).
    let rootVectors: [String: [Float]]
    let modifierVectors: [String: [Float]]
    /// Per class: the canonical root's text vector (what the toy CLIP crop tower centres on).
    let classTextVectors: [[Float]]
    /// Per class: the toy DINOv2 prototype.
    let prototypes: [[Float]]
    /// Text vectors of the phrases encoded so far, without prompt-template words (phrases
    /// repeat across images and the prompt ensemble embeds each in four templates).
    let textCache = LockedCache<String, [Float]>()
    /// Longest key of `rootVectors` in words.
    let longestRoot: Int

    init(statistics: RootStatistics, corpus: CaptionCorpus, settings: Settings = Settings()) throws {
        self.corpus = corpus
        self.settings = settings
        let documents = Double(statistics.documents(corpus))
        let used = statistics.records.filter { $0.documentFrequency(corpus) > 0 }
        let byName = Dictionary(uniqueKeysWithValues: statistics.records.map { ($0.root, $0) })

        // Classes: canonical concrete roots of the file that this corpus mentions directly or
        // through a synonym.
        var classNames: [String] = []
        var classOf: [String: Int] = [:]
        for r in used {
            guard let name = r.visualClass, classOf[name] == nil else { continue }
            classOf[name] = classNames.count
            classNames.append(name)
        }
        var roots: [Root] = []
        var members = [[Int]](repeating: [], count: classNames.count)
        for r in used {
            let cls = r.visualClass.flatMap { classOf[$0] }
            if let cls { members[cls].append(roots.count) }
            roots.append(Root(record: r, probability: Double(r.documentFrequency(corpus)) / documents, visualClass: cls))
        }
        let classes = classNames.enumerated().map { c, name in
            let none = members[c].reduce(1.0) { $0 * (1 - roots[$1].probability) }
            return VisualClass(name: name, kind: byName[name]?.kind ?? "", probability: 1 - none, roots: members[c])
        }
        self.classes = classes
        self.roots = roots
        rootIndex = Dictionary(uniqueKeysWithValues: roots.enumerated().map { ($0.element.name, $0.offset) })

        let d = settings.textDimension, seed = settings.seed
        let classVectors = classNames.map { wordVector($0, dimension: d, salt: seed &+ 11) }
        classTextVectors = classVectors
        prototypes = classes.map { cls in
            let own = wordVector("prototype " + cls.name, dimension: settings.regionDimension, salt: seed &+ 13)
            let kind = wordVector("kind " + cls.kind, dimension: settings.regionDimension, salt: seed &+ 29)
            return normalized(zip(own, kind).map { $0 + settings.visualKindShare * $1 })
        }

        // The stuff-like classes background words mix: the most frequent stuff, place, plant
        // and structure classes of this corpus.
        let stuffKinds: Set<String> = ["stuff", "place", "plant", "structure"]
        let pool = classes.indices.filter { stuffKinds.contains(classes[$0].kind) }
            .sorted { (classes[$0].probability, classes[$1].name) > (classes[$1].probability, classes[$0].name) }
            .prefix(settings.mixturePool)
        let mixturePool = Array(pool)

        var table: [String: [Float]] = [:]
        for root in roots {
            let noise = wordVector(root.name, dimension: d, salt: seed &+ 17)
            if let c = root.visualClass {
                table[root.name] = root.record.synonymOf == nil
                    ? classVectors[c]
                    : normalized(zip(classVectors[c], noise).map { $0 + settings.synonymNoise * $1 })
            } else if ["positional", "surroundings"].contains(root.record.kind), mixturePool.count >= 3 {
                var rng = SeededGenerator(seed: root.name.hashValueStable ^ seed)
                let parts = Array(mixturePool.shuffled(using: &rng).prefix(Int.random(in: 2...3, using: &rng)))
                var v = noise.map { settings.mixtureNoise * $0 }
                for c in parts { for j in 0..<d { v[j] += classVectors[c][j] / Float(parts.count) } }
                table[root.name] = normalized(v)
            } else {
                table[root.name] = noise
            }
        }
        for (c, name) in classNames.enumerated() where table[name] == nil { table[name] = classVectors[c] }
        rootVectors = table
        longestRoot = table.keys.map { $0.split(separator: " ").count }.max() ?? 1
        for m in Self.modifiers where byName[m] != nil {
            throw TestFailure.bad("modifier '\(m)' is also a root of the statistics file; pick another modifier word")
        }
        modifierVectors = Dictionary(uniqueKeysWithValues: Self.modifiers.map { ($0, wordVector($0, dimension: d, salt: seed &+ 19)) })
    }

    /// Canonical class name of a root string, nil for abstract or unknown roots.
    func className(ofRoot root: String) -> String? {
        rootIndex[root].flatMap { roots[$0].visualClass }.map { classes[$0].name }
    }

    func label(ofRoot root: String) -> RootRecord.Label? {
        rootIndex[root].map { roots[$0].record.label }
    }
}

extension String {
    /// FNV-1a of the UTF-8 bytes: stable across processes (unlike `hashValue`).
    var hashValueStable: UInt64 {
        var h: UInt64 = 1469598103934665603
        for b in utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return h
    }
}
