import Foundation
import ReME

/// The stages of a global-stage configuration switched on one at a time, for stage-by-stage
/// tables ("base set", "+ ambiguous filter", …).
enum StageLadder {
    struct Step: Sendable {
        let name: String
        /// Switches the step off in a configuration.
        let disable: @Sendable (inout GlobalStageConfiguration) -> Void
    }

    /// In the global stage's order.
    static let steps: [Step] = [
        Step(name: "+ ambiguous filter") { $0.ambiguousFilter = nil },
        Step(name: "+ group filter") { $0.groupFilter = nil; $0.clipScoreFilter = nil; $0.reassignment = nil },
        Step(name: "+ reassignment") { $0.reassignment = nil },
        Step(name: "+ enhancement") { $0.enhancement = nil },
    ]

    /// Row `i` has steps `0..<i` on and the rest off: "base set", then one more step per row;
    /// the last row is `configuration` itself.
    static func rows(_ configuration: GlobalStageConfiguration) -> [(name: String, configuration: GlobalStageConfiguration)] {
        (0...steps.count).map { on in
            var c = configuration
            for step in steps[on...] { step.disable(&c) }
            return (on == 0 ? "base set" : steps[on - 1].name, c)
        }
    }
}

/// What one configuration did to one realistic world, stage by stage, judged against the
/// hand labels of `root_statistics.tsv`.
struct StageReport: Sendable {
    struct Row: Sendable {
        let name: String
        let pairs: Int
        let segments: Int
        let roots: Int
        let mIoU: Double

        /// Counts of a reference set and its held-out mIoU.
        init(_ name: String, _ reference: ReferenceSet, bench: RealisticBench) throws {
            self.name = name
            pairs = reference.assignment.nonZeroCount
            segments = reference.segmentCount
            roots = Set(reference.roots).count
            mIoU = try bench.heldOutMIoU(reference)
        }

        /// The base set's row (the same for every configuration).
        static func baseSet(_ bench: RealisticBench) throws -> Row {
            try Row("base set", bench.run(.baseOnly), bench: bench)
        }

        /// An upper reference: every root labelled abstract dropped (the truth a knee filter
        /// tries to find), then `GroupFilter()`, no enhancement.
        static func oracle(_ bench: RealisticBench) throws -> Row {
            let reference = try GlobalStage.run(bench.concretePairsOnly(), textEncoder: bench.world.textEncoder, configuration: .init(
                ambiguousFilter: nil, groupFilter: GroupFilter(), enhancement: nil))
            return try Row("oracle: abstract labels dropped + group filter", reference, bench: bench)
        }
    }

    /// Precision and recall of a dropped set against the abstract labels.
    struct Score: Sendable {
        let precision: Double
        let recall: Double
    }

    private(set) var configurationName: String
    let rows: [Row]
    /// Roots the ambiguous-label stage dropped (its statistics), most frequent first.
    let ambiguousDropped: [String]
    /// Roots of the final reference set.
    let finalRoots: Set<String>
    let synonymPairs: [[String]]
    let byRoot: Score
    let byPairs: Score
    let concreteDropped: [String]
    let unrelatedSynonymPairs: [[String]]

    /// Runs the configuration on the bench. With `ladder`, one row per `StageLadder` row; else
    /// the base set and the configuration only (for worlds where each row costs seconds).
    /// `baseRow` (the same for every configuration) may be passed in.
    init(bench: RealisticBench, name: String, configuration: GlobalStageConfiguration, ladder: Bool = true,
         baseRow: Row? = nil) throws {
        configurationName = name
        var rows: [Row] = []
        var last: ReferenceSet?
        let steps = StageLadder.rows(configuration)
        for (i, step) in steps.enumerated() where ladder || i == 0 || i == steps.count - 1 {
            if i == 0, let baseRow {
                rows.append(baseRow)
                continue
            }
            let reference = try bench.run(step.configuration)
            rows.append(try Row(ladder || i == 0 ? step.name : "all stages", reference, bench: bench))
            last = reference
        }
        let final = try last ?? bench.run(configuration)
        self.rows = rows
        ambiguousDropped = final.statistics.ambiguousDroppedRoots
        finalRoots = Set(final.roots)
        synonymPairs = final.statistics.synonymPairs

        let vocabulary = bench.world.vocabulary
        let pairs = bench.basePairCounts()
        let present = Set(pairs.keys)
        let dropped = Set(ambiguousDropped).intersection(present)
        let abstract = present.filter { vocabulary.label(ofRoot: $0) == .abstract }
        func score(_ weight: (String) -> Int) -> Score {
            let hit = dropped.intersection(abstract).reduce(0) { $0 + weight($1) }
            let d = dropped.reduce(0) { $0 + weight($1) }, a = abstract.reduce(0) { $0 + weight($1) }
            return Score(precision: d > 0 ? Double(hit) / Double(d) : .nan, recall: a > 0 ? Double(hit) / Double(a) : .nan)
        }
        byRoot = score { _ in 1 }
        byPairs = score { pairs[$0] ?? 0 }
        concreteDropped = ambiguousDropped.filter { vocabulary.label(ofRoot: $0) == .concrete }
        unrelatedSynonymPairs = synonymPairs.filter { !Self.related($0, vocabulary) }
    }

    /// Two roots are related when both are concrete and share a visual class (one is the
    /// other's `synonym_of`, or both name the same one).
    static func related(_ pair: [String], _ vocabulary: RealisticVocabulary) -> Bool {
        guard pair.count == 2, let a = vocabulary.className(ofRoot: pair[0]), let b = vocabulary.className(ofRoot: pair[1]) else {
            return false
        }
        return a == b
    }

    var finalMIoU: Double { rows.last?.mIoU ?? .nan }

    /// The same measurement under another configuration name.
    func renamed(_ name: String) -> StageReport {
        var copy = self
        copy.configurationName = name
        return copy
    }

    /// A Markdown table and the filter / synonym summary, for pasting into the docs.
    func rendered() -> String {
        func f(_ x: Double, _ digits: Int = 1) -> String { x.isNaN ? "–" : String(format: "%.\(digits)f", x) }
        var lines = ["configuration: \(configurationName)", "",
                     "| stage | pairs | segments | roots | held-out mIoU |", "| --- | ---: | ---: | ---: | ---: |"]
        for r in rows { lines.append("| \(r.name) | \(r.pairs) | \(r.segments) | \(r.roots) | \(f(r.mIoU)) |") }
        lines.append("")
        lines.append("ambiguous filter dropped \(ambiguousDropped.count) roots: precision \(f(byRoot.precision, 2)), "
                     + "recall \(f(byRoot.recall, 2)) against the abstract labels by root; "
                     + "by pairs \(f(byPairs.precision, 2)) / \(f(byPairs.recall, 2))")
        lines.append("dropped: \(Self.list(ambiguousDropped))")
        lines.append("concrete dropped (\(concreteDropped.count)): \(Self.list(concreteDropped))")
        lines.append("synonym pairs \(synonymPairs.count), unrelated \(unrelatedSynonymPairs.count): \(Self.list(unrelatedSynonymPairs.map { $0.joined(separator: "~") }))")
        return lines.joined(separator: "\n")
    }

    static func list(_ items: [String], limit: Int = 40) -> String {
        items.isEmpty ? "none" : items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", … (\(items.count - limit) more)" : "")
    }
}
