import Foundation

/// The results of several benchmarks evaluated with one set of models: JSON and a Markdown
/// table in the paper's column order with the settings and model fingerprints under it.
public struct BenchmarkSuiteReport: Sendable {
    public struct Entry: Sendable {
        public var benchmark: Benchmark
        public var layout: String
        public var result: EvaluationResult
        public var settings: EvaluationSettings

        public init(benchmark: Benchmark, layout: String, result: EvaluationResult, settings: EvaluationSettings) {
            self.benchmark = benchmark
            self.layout = layout
            self.result = result
            self.settings = settings
        }
    }

    public var entries: [Entry]
    /// Benchmarks asked for but not found.
    public var skipped: [Benchmark]
    /// The models by role (`clip`, `visual`), as fingerprints.
    public var models: [(role: String, identity: ModelIdentity)]
    /// Run-wide settings as `name: value` lines (reference set, classifier, background threshold…).
    public var settings: [String]

    public init(entries: [Entry], skipped: [Benchmark], models: [(role: String, identity: ModelIdentity)], settings: [String]) {
        self.entries = entries
        self.skipped = skipped
        self.models = models
        self.settings = settings
    }

    /// The mean mIoU over the benchmarks evaluated (those with a defined mIoU); nil when none.
    public var meanMIoU: Double? {
        let values = entries.map(\.result.mIoU).filter { !$0.isNaN }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    public var json: [String: Any] {
        var benchmarks: [String: Any] = [:]
        for entry in entries {
            var result = entry.result.json
            result["layout"] = entry.layout
            result["settings"] = entry.settings.description
            result["settings_digest"] = entry.settings.digest.description
            benchmarks[entry.benchmark.rawValue] = result
        }
        var models: [String: Any] = [:]
        for model in self.models {
            models[model.role] = ["name": model.identity.name, "model_type": model.identity.modelType,
                                  "config_sha256": model.identity.configSHA256, "weights_fingerprint": model.identity.weightsFingerprint]
        }
        return ["benchmarks": benchmarks, "skipped": skipped.map(\.rawValue),
                "columns": BenchmarkSuite.paperOrder.map(\.rawValue), "mean_mIoU": meanMIoU ?? NSNull(),
                "models": models, "settings": settings]
    }

    /// One row of mIoU under the paper's ten columns and the mean; `—` where a benchmark was
    /// not evaluated.
    public var markdown: String {
        let byBenchmark = Dictionary(entries.map { ($0.benchmark, $0.result.mIoU) }, uniquingKeysWith: { first, _ in first })
        func cell(_ value: Double?) -> String { value.flatMap { $0.isNaN ? nil : String(format: "%.1f", $0) } ?? "—" }
        let headings = BenchmarkSuite.paperOrder.map(\.paperColumn) + ["Mean"]
        let cells = BenchmarkSuite.paperOrder.map { cell(byBenchmark[$0]) } + [cell(meanMIoU)]
        var lines = [
            "| " + headings.joined(separator: " | ") + " |",
            "|" + String(repeating: " --- |", count: headings.count),
            "| " + cells.joined(separator: " | ") + " |",
            "",
            "mIoU (%). Mean over the \(entries.count) benchmark\(entries.count == 1 ? "" : "s") evaluated"
                + (skipped.isEmpty ? "." : "; skipped (not found): " + skipped.map(\.rawValue).joined(separator: ", ") + "."),
            "",
            "Models:",
        ]
        lines += models.map { "- \($0.role): \($0.identity)" }
        lines += ["", "Settings:"] + settings.map { "- \($0)" }
        lines += ["", "Benchmarks:"]
        lines += entries.map { entry in
            String(format: "- %@ (%@ layout): %d images, mIoU %.2f, aAcc %.2f, settings %@", entry.benchmark.rawValue, entry.layout,
                   entry.result.images, entry.result.mIoU, entry.result.aAcc, entry.settings.digest.description)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
