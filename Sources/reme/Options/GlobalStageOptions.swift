import ArgumentParser
import Foundation
import ReME

/// Which rule drops abstract roots (global stage step 5).
enum AmbiguousFilterChoice: String, ExpressibleByArgument, CaseIterable {
    case abstractRoots = "abstract-roots", kneedle, off
}

/// Which rule finds synonym roots (global stage step 7).
enum SynonymChoice: String, ExpressibleByArgument, CaseIterable {
    case wordnet, off
}

/// Hyper-parameters of the global stage (docs/specification.md, Part 1 steps 5–8). Changing them and running
/// `reme build` again recomputes no image.
struct GlobalStageOptions: ParsableArguments {
    @Option(name: .customLong("ambiguous-filter"),
            help: ArgumentHelp("Step 5: which roots are not labels.",
                               discussion: """
                                   abstract-roots (default): roots WordNet files under no physical or place sense, and roots \
                                   whose segments are nearly as spread as random ones. kneedle: the paper's knee of the root \
                                   counts (drops 'man', 'person', 'car' on real captions). off: keep every root.
                                   """))
    var ambiguousFilter: AmbiguousFilterChoice = .abstractRoots
    @Flag(name: .customLong("no-ambiguous-filter"), help: "Same as --ambiguous-filter off.")
    var noAmbiguousFilter = false
    @Option(name: .customLong("drop-roots"), help: "A file of roots to drop always (one per line, # comments).")
    var dropRootsFile: String?
    @Option(name: .customLong("keep-roots"), help: "A file of roots never to drop (one per line, # comments); wins over --drop-roots.")
    var keepRootsFile: String?
    @Option(name: .customLong("delta-filter"), help: "Share of each root group dropped by group-based filtering (0 disables).")
    var deltaFilter = 0.30
    @Flag(help: "Variant (d): per-group drop rate between 0 and --max-adaptive-rate, scaled by the group's spread.")
    var adaptiveGroupFilter = false
    @Option(help: "Largest drop rate of the adaptive variant.") var maxAdaptiveRate = 0.5
    @Option(name: .customLong("clip-score-filter"), help: "Ablation: drop this share of pairs with the lowest CLIP score instead.")
    var clipScoreFilter: Double?
    @Flag(help: "Give a segment the group filter rejects the label of the group it resembles (the paper's section D plug-in).")
    var reassign = false
    @Option(help: "Step 7. wordnet (default): roots WordNet calls synonyms or hyponym and hypernym (puppy → dog), if CLIP agrees.")
    var synonyms: SynonymChoice = .wordnet
    @Option(name: .customLong("k-sim"),
            help: "The paper's rule instead: the N most similar root pairs by CLIP are synonyms (0 disables); pairs unrelated roots in small vocabularies.")
    var kSim: Int?
    @Flag(help: "Store segment features in half precision (half the size; retrieval converts per block).")
    var half = false

    func validate() throws {
        guard (0..<1).contains(deltaFilter) else { throw ValidationError("--delta-filter must be in [0, 1)") }
        guard (0...1).contains(maxAdaptiveRate) else { throw ValidationError("--max-adaptive-rate must be in [0, 1]") }
        if let r = clipScoreFilter, !(0..<1).contains(r) { throw ValidationError("--clip-score-filter must be in [0, 1)") }
        if let k = kSim, k < 0 { throw ValidationError("--k-sim must not be negative") }
        if let k = kSim, k > 0, synonyms == .off { throw ValidationError("--k-sim and --synonyms off contradict each other") }
        for path in [dropRootsFile, keepRootsFile].compactMap({ $0 }) {
            guard FileManager.default.isReadableFile(atPath: path) else { throw ValidationError("cannot read the root list \(path)") }
        }
    }

    var effectiveAmbiguousFilter: AmbiguousFilterChoice { noAmbiguousFilter ? .off : ambiguousFilter }

    func configuration() throws -> GlobalStageConfiguration {
        let group: GroupFilter? = adaptiveGroupFilter ? GroupFilter(rate: .spreadScaled(maxRate: maxAdaptiveRate))
            : deltaFilter > 0 ? GroupFilter(rate: .fixed(deltaFilter)) : nil
        let ambiguous: (any AmbiguousRootFilter)?
        switch effectiveAmbiguousFilter {
        case .abstractRoots:
            ambiguous = AbstractRootFilter(alwaysDrop: try Self.roots(in: dropRootsFile), alwaysKeep: try Self.roots(in: keepRootsFile))
        case .kneedle: ambiguous = AmbiguousLabelFilter()
        case .off: ambiguous = nil
        }
        let enhancement: SemanticEnhancement?
        if let k = kSim { enhancement = k > 0 ? SemanticEnhancement(kSim: k) : nil }
        else { enhancement = synonyms == .wordnet ? SemanticEnhancement() : nil }
        return GlobalStageConfiguration(
            ambiguousFilter: ambiguous,
            groupFilter: clipScoreFilter == nil ? group : nil,
            clipScoreFilter: clipScoreFilter.map { ClipScoreFilter(rate: $0) },
            enhancement: enhancement,
            reassignment: reassign && clipScoreFilter == nil && group != nil ? LabelReassignment() : nil)
    }

    /// Roots listed in a file: one per line, lowercased, `#` starts a comment.
    static func roots(in path: String?) throws -> Set<String> {
        guard let path else { return [] }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("cannot read the root list \(path): \(error.localizedDescription)")
        }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { line in
            let root = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = root.trimmingCharacters(in: .whitespaces).lowercased()
            return trimmed.isEmpty ? nil : trimmed
        })
    }

    /// What `configuration` (built from these options) records in the reference set.
    func provenance(of configuration: GlobalStageConfiguration) -> [String: String] {
        ["ambiguous_filter": configuration.ambiguousFilter?.provenanceDescription ?? "off",
         "group_filter": clipScoreFilter != nil ? "off (clip-score ablation)"
             : adaptiveGroupFilter ? "adaptive max_rate=\(maxAdaptiveRate)" : "delta=\(deltaFilter)",
         "clip_score_filter": clipScoreFilter.map { "\($0)" } ?? "off",
         "reassignment": configuration.reassignment == nil ? "off" : "on",
         "synonyms": configuration.enhancement?.provenanceDescription ?? "off",
         "k_sim": kSim.map(String.init) ?? "off", "segment_precision": half ? "f16" : "f32"]
    }
}
