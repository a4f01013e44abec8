import ArgumentParser
import Foundation
import ReME

/// `reme eval --all / --datasets`: every benchmark found under --data, the models loaded once.
extension EvalRunCommand {
    func validateSuite() throws {
        guard data != nil else { throw ValidationError("--all and --datasets need --data (the folder holding the benchmarks)") }
        if dataset != nil || root != nil { throw ValidationError("--dataset / --root evaluate one benchmark; --all / --datasets use --data") }
        if all && datasets != nil { throw ValidationError("give --all or --datasets, not both") }
        if classNames != nil { throw ValidationError("--class-names names one benchmark's classes; with --all each folder's class_names.txt is used") }
        if shard != nil { throw ValidationError("--shard evaluates one benchmark; shard each benchmark with --dataset instead") }
    }

    func runSuite() throws {
        guard let data else { throw CLIFailure(message: "--all needs --data") }
        if let output { try OutputCheck.file(output, option: "--output") }
        let tablePath = table ?? output.map { URL(fileURLWithPath: $0).deletingPathExtension().appendingPathExtension("md").path }
        if let tablePath { try OutputCheck.file(tablePath, option: "--table") }
        if let predictions { try OutputCheck.folder(predictions, option: "--predictions") }
        if let workDir { try OutputCheck.folder(workDir, option: "--work-dir") }
        let discovery = try BenchmarkSuite.discover(root: URL(fileURLWithPath: data), benchmarks: datasets ?? BenchmarkSuite.paperOrder)
        for benchmark in discovery.missing { print("\(benchmark.rawValue): not found under \(data), skipped") }
        guard !discovery.found.isEmpty else {
            throw CLIFailure(message: "no benchmark found under \(data) (`reme datasets check \(data)` shows the layouts it looks for)")
        }
        let encoders = try loadEncoders()
        var progress = SuiteProgress(imageCounts: discovery.found.map { min(limit ?? Int.max, $0.samples.count) })
        var entries: [BenchmarkSuiteReport.Entry] = []
        for (index, dataset) in discovery.found.enumerated() {
            let pipeline = try makePipeline(for: dataset, encoders: encoders)
            let settings = try makeSettings(for: dataset, encoders: encoders, pipeline: pipeline)
            let result = try evaluateOne(dataset, pipeline: pipeline, settings: settings, index: index, progress: &progress)
            print(String(format: "%@: %d images, mIoU %.2f, aAcc %.2f", result.dataset, result.images, result.mIoU, result.aAcc))
            entries.append(.init(benchmark: dataset.benchmark, layout: dataset.layoutName, result: result, settings: settings))
        }
        let report = BenchmarkSuiteReport(
            entries: entries, skipped: discovery.missing,
            models: [("clip", encoders.clipIdentity)] + (encoders.visualIdentity.map { [("visual", $0)] } ?? []),
            settings: suiteSettings)
        print(progress.summary(skipped: discovery.missing.count))
        print(report.markdown, terminator: "")
        if let output {
            let json = try JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys])
            try json.write(to: URL(fileURLWithPath: output), options: .atomic)
        }
        if let tablePath { try Data(report.markdown.utf8).write(to: URL(fileURLWithPath: tablePath), options: .atomic) }
    }

    /// Evaluates one benchmark, resuming from `--work-dir/<benchmark>` when given.
    private func evaluateOne(_ dataset: BenchmarkDataset, pipeline: SegmentationPipeline, settings: EvaluationSettings, index: Int,
                             progress: inout SuiteProgress) throws -> EvaluationResult {
        let name = dataset.benchmark.rawValue
        let evaluation = BenchmarkEvaluation(dataset: dataset, pipeline: pipeline)
        let predictionsURL = predictions.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
        let line = ProgressLine("eval \(name) [\(index + 1)/\(progress.benchmarkCount)]")
        let overall = progress
        let report: (Int, Int) -> Void = { done, total in
            line.update(Int64(done), of: Int64(total), note: overall.note(benchmark: index, done: done), force: done == total)
        }
        guard let workDir else {
            let result = try evaluation.run(limit: limit, predictions: predictionsURL, progress: report)
            line.finish()
            progress.finished(computed: result.images, resumed: 0)
            return result
        }
        let work = URL(fileURLWithPath: workDir).appendingPathComponent(name)
        let summary = try ResumableEvaluation(evaluation: evaluation, settings: settings, workFolder: work, shard: .whole)
            .run(limit: limit, predictions: predictionsURL, progress: report)
        line.finish()
        print("\(name) " + EvalReport.summaryLine(summary))
        progress.finished(computed: summary.evaluatedNow, resumed: summary.reused)
        return try EvaluationMerge.result(workFolder: work)
    }

    /// The run-wide settings listed under the table.
    private var suiteSettings: [String] {
        let referenceLine = reference.map { path in
            "\(URL(fileURLWithPath: path).lastPathComponent), digest \(ContentDigest(contentsOfFile: path)?.description ?? "unreadable")"
        }
        return [
            "reference: \(referenceLine ?? "none (zero-reference)")",
            "classifier: \(classifierDescription)",
            "background threshold: \(backgroundThreshold) (voc21, context60, coco-object)",
            "dense short side: \(models.denseShortSide)",
            "segments: \(segments.summary(felzenszwalb: "each benchmark's FreeDA preset"))",
            "limit: \(limit.map { "first \($0) images" } ?? "whole split")",
        ]
    }
}
