import ArgumentParser
import ReME

/// Hyper-parameters of the global stage (docs/specification.md, Part 1 steps 5–8). Changing them and running
/// `reme build` again recomputes no image.
struct GlobalStageOptions: ParsableArguments {
    @Flag(name: .customLong("no-ambiguous-filter"), help: "Keep abstract roots before the knee of the root counts.")
    var noAmbiguousFilter = false
    @Option(name: .customLong("delta-filter"), help: "Share of each root group dropped by group-based filtering (0 disables).")
    var deltaFilter = 0.30
    @Flag(help: "Variant (d): per-group drop rate between 0 and --max-adaptive-rate, scaled by the group's spread.")
    var adaptiveGroupFilter = false
    @Option(help: "Largest drop rate of the adaptive variant.") var maxAdaptiveRate = 0.5
    @Option(name: .customLong("clip-score-filter"), help: "Ablation: drop this share of pairs with the lowest CLIP score instead.")
    var clipScoreFilter: Double?
    @Option(name: .customLong("k-sim"), help: "Synonym root pairs added by semantic enhancement (0 disables).")
    var kSim = 30
    @Flag(help: "Store segment features in half precision (half the size; retrieval converts per block).")
    var half = false

    func validate() throws {
        guard (0..<1).contains(deltaFilter) else { throw ValidationError("--delta-filter must be in [0, 1)") }
        guard (0...1).contains(maxAdaptiveRate) else { throw ValidationError("--max-adaptive-rate must be in [0, 1]") }
        if let r = clipScoreFilter, !(0..<1).contains(r) { throw ValidationError("--clip-score-filter must be in [0, 1)") }
        guard kSim >= 0 else { throw ValidationError("--k-sim must not be negative") }
    }

    var configuration: GlobalStageConfiguration {
        let group: GroupFilter? = adaptiveGroupFilter ? GroupFilter(rate: .spreadScaled(maxRate: maxAdaptiveRate))
            : deltaFilter > 0 ? GroupFilter(rate: .fixed(deltaFilter)) : nil
        return GlobalStageConfiguration(
            ambiguousFilter: noAmbiguousFilter ? nil : AmbiguousLabelFilter(),
            groupFilter: clipScoreFilter == nil ? group : nil,
            clipScoreFilter: clipScoreFilter.map { ClipScoreFilter(rate: $0) },
            enhancement: kSim > 0 ? SemanticEnhancement(kSim: kSim) : nil)
    }

    var provenance: [String: String] {
        ["ambiguous_filter": noAmbiguousFilter ? "off" : "kneedle",
         "group_filter": clipScoreFilter != nil ? "off (clip-score ablation)"
            : adaptiveGroupFilter ? "adaptive max_rate=\(maxAdaptiveRate)" : "delta=\(deltaFilter)",
         "clip_score_filter": clipScoreFilter.map { "\($0)" } ?? "off",
         "k_sim": "\(kSim)", "segment_precision": half ? "f16" : "f32"]
    }
}
