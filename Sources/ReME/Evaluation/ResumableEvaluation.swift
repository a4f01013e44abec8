import Foundation

/// `BenchmarkEvaluation` over one shard of a split, keeping each finished image in a record
/// log in a work folder, so a killed run resumes without redoing finished images and shards
/// run as separate processes (`EvaluationMerge` sums them).
public struct ResumableEvaluation {
    public var evaluation: BenchmarkEvaluation
    public var settings: EvaluationSettings
    public var workFolder: URL
    public var shard: BuildShard

    public init(evaluation: BenchmarkEvaluation, settings: EvaluationSettings, workFolder: URL, shard: BuildShard) {
        self.evaluation = evaluation
        self.settings = settings
        self.workFolder = workFolder
        self.shard = shard
    }

    /// What a run did with its shard's images.
    public struct Summary: Sendable {
        public var shard: BuildShard
        public var reused = 0
        public var new = 0
        public var recomputed: [EvalRecomputeReason: Int] = [:]
        public var evaluatedNow: Int { new + recomputed.values.reduce(0, +) }
    }

    /// - Parameters:
    ///   - limit: evaluate only the first `limit` images of the split.
    ///   - predictions: folder for each prediction as a PNG of class ids named after the image.
    public func run(limit: Int? = nil, predictions: URL? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        let split = evaluation.samples(limit: limit)
        let mine = split.filter { shard.contains(image: $0.id) }
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        if let predictions { try FileManager.default.createDirectory(at: predictions, withIntermediateDirectories: true) }
        let log: RecordLog<EvalRecord>
        do { log = try RecordLog<EvalRecord>(url: EvalShardInputs.logURL(in: workFolder, shard: shard)) } catch {
            throw EvaluationError.workFolder(error)
        }
        let settingsDigest = settings.digest
        let entries = mine.map { sample in
            EvalShardInputs.Entry(sample: sample.id, key: EvalRecordKey(
                image: ContentDigest(contentsOfFile: sample.image.path),
                label: ContentDigest(contentsOfFile: sample.label.path),
                masks: evaluation.pipeline.masks.maskFile(for: sample.image.path).flatMap { ContentDigest(contentsOfFile: $0.path) },
                settings: settingsDigest))
        }
        var inputs = EvalShardInputs(dataset: evaluation.dataset.benchmark.rawValue, classNames: evaluation.dataset.classNames,
                                     ignoreIndex: evaluation.dataset.benchmark.ignoreIndex,
                                     reduceZeroLabel: evaluation.dataset.labelMapping == .reduceZeroLabel,
                                     settings: settings.description, split: split.map(\.id), samples: entries, finished: false)
        let inputsURL = EvalShardInputs.url(in: workFolder, shard: shard)
        try inputs.write(to: inputsURL)
        var summary = Summary(shard: shard)
        let metric = evaluation.emptyMetric()
        for (i, (sample, entry)) in zip(mine, entries).enumerated() {
            var reason: EvalRecomputeReason?
            if let record = log.latest[sample.id] {
                reason = entry.key.recomputeReason(against: record.key)
                    ?? (predictions != nil && record.predictionPNG == nil ? .predictionNotKept : nil)
                if reason == nil {
                    summary.reused += 1
                    if let predictions, let png = record.predictionPNG {
                        try png.write(to: BenchmarkEvaluation.predictionFile(of: sample, in: predictions), options: .atomic)
                    }
                    progress(i + 1, mine.count)
                    continue
                }
            }
            let scored = try evaluation.evaluate(sample, metric: metric)
            var png: Data?
            if let predictions {
                png = try Data(contentsOf: try evaluation.writePrediction(scored, of: sample, to: predictions))
            }
            do { try log.append(EvalRecord(sample: sample.id, key: entry.key, areas: scored.areas, predictionPNG: png)) } catch {
                throw EvaluationError.workFolder(error)
            }
            if let reason { summary.recomputed[reason, default: 0] += 1 } else { summary.new += 1 }
            progress(i + 1, mine.count)
        }
        inputs.finished = true
        try inputs.write(to: inputsURL)
        return summary
    }
}
