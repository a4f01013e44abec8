import ArgumentParser
import Foundation
import ReME

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate on an OVS benchmark (mIoU, mmsegmentation's protocol).",
        discussion: """
            `reme eval --dataset NAME --root DIR …` runs the evaluation (`reme eval run --help` lists its \
            options); `reme eval merge` sums the shards of a sharded one. Datasets: \
            \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")).
            """,
        subcommands: [EvalRunCommand.self, EvalMergeCommand.self],
        defaultSubcommand: EvalRunCommand.self
    )
}

struct EvalRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate on an OVS benchmark (mIoU, mmsegmentation's protocol).",
        discussion: """
            Datasets: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")). --root is the \
            dataset's own folder in the mmsegmentation layout (VOC: the VOC2012 folder with \
            JPEGImages/, SegmentationClass/, ImageSets/Segmentation/val.txt) or the detectron2 / \
            CAT-Seg layout. mIoU comes from a confusion of areas summed over the split at the \
            label maps' resolution (ignore index 255; 65535 for the 16-bit 459/847-class maps); \
            classes absent from both predictions and labels are left out of the mean. \
            Benchmarks with a background class (voc21, context60, coco-object) label pixels \
            whose best normalised score is below --background-threshold as background. With \
            --work-dir each finished image is kept in a crash-safe log, so a killed run resumes; with \
            --shard i/N (or inside a Slurm array / Kubernetes Indexed Job) only that shard's images are \
            evaluated, then `reme eval merge` sums the shards. --all (or --datasets a,b,…) evaluates every \
            benchmark found under --data with the models loaded once and writes one JSON and a Markdown \
            table in the paper's column order. See docs/pipeline.md.
            """
    )

    @Option(help: "The benchmark.") var dataset: Benchmark?
    @Option(help: "The dataset's folder.") var root: String?
    @Flag(help: "Evaluate every benchmark found under --data (the paper's ten).") var all = false
    @Option(help: ArgumentHelp("Evaluate these benchmarks found under --data.", valueName: "a,b,…"),
            transform: EvalRunCommand.parseBenchmarks)
    var datasets: [Benchmark]?
    @Option(help: "The folder holding the benchmarks for --all / --datasets.") var data: String?
    @Option(help: "Markdown table for --all / --datasets (default: --output's path with .md).") var table: String?
    @Option(help: ArgumentHelp("Reference set (omit for the CLIP-only baseline).", valueName: "REFSET")) var reference: String?
    @Option(help: "Evaluate only the first N images of the split.") var limit: Int?
    @Option(help: "Folder to write each prediction to (PNG of class ids named after the image).") var predictions: String?
    @Option(help: "Write {dataset, mIoU, aAcc, per_class} JSON here.") var output: String?
    @Option(help: "Class names file (one per line, in id order); needed for context459 and ade847.") var classNames: String?
    @Option(help: "Background threshold for benchmarks with a background class.") var backgroundThreshold: Float = 0.4
    @Option(help: "Folder keeping each finished image's result, so a killed run resumes.") var workDir: String?
    @Option(help: ArgumentHelp("Evaluate only shard i of N (0-based), e.g. 3/16; needs --work-dir.", valueName: "i/N"),
            transform: BuildShard.parseArgument)
    var shard: BuildShard?

    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Segments") var segments: MaskOptions
    @OptionGroup(title: "Retrieval") var retrieval: RetrievalOptions

    func validate() throws {
        if all || datasets != nil {
            try validateSuite()
        } else {
            guard dataset != nil, root != nil else { throw ValidationError("give --dataset and --root, or --all / --datasets with --data") }
            if data != nil || table != nil { throw ValidationError("--data and --table go with --all or --datasets") }
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard (0...1).contains(backgroundThreshold) else { throw ValidationError("--background-threshold must be in 0…1") }
        if shard != nil && workDir == nil { throw ValidationError("--shard needs --work-dir (the folder the shards share)") }
    }

    func run() throws {
        if all || datasets != nil { return try runSuite() }
        guard let benchmark = dataset, let root else { throw CLIFailure(message: "give --dataset and --root") }
        if let output { try OutputCheck.file(output, option: "--output") }
        if let predictions { try OutputCheck.folder(predictions, option: "--predictions") }
        let data = try BenchmarkDataset.open(benchmark, root: URL(fileURLWithPath: root),
                                             classNamesFile: classNames.map { URL(fileURLWithPath: $0) })
        let encoders = try loadEncoders()
        let pipeline = try makePipeline(for: data, encoders: encoders)
        let evaluation = BenchmarkEvaluation(dataset: data, pipeline: pipeline)
        let predictionsURL = predictions.map { URL(fileURLWithPath: $0) }
        guard let workDir else {
            let progress = ProgressLine("eval \(benchmark.rawValue)")
            let result = try evaluation.run(limit: limit, predictions: predictionsURL) { done, total in
                progress.update(Int64(done), of: Int64(total), force: done == total)
            }
            progress.finish()
            try EvalReport.present(result, output: output)
            return
        }
        let shardSpec: BuildShard = try shard ?? BuildShard.fromEnvironment(ProcessInfo.processInfo.environment) ?? .whole
        try OutputCheck.folder(workDir, option: "--work-dir")
        let settings = try makeSettings(for: data, encoders: encoders, pipeline: pipeline)
        let work = URL(fileURLWithPath: workDir)
        let label = shardSpec.count > 1 ? "eval \(benchmark.rawValue) \(shardSpec)" : "eval \(benchmark.rawValue)"
        let progress = ProgressLine(label)
        let summary = try ResumableEvaluation(evaluation: evaluation, settings: settings, workFolder: work, shard: shardSpec)
            .run(limit: limit, predictions: predictionsURL) { done, total in
                progress.update(Int64(done), of: Int64(total), force: done == total)
            }
        progress.finish()
        print(EvalReport.summaryLine(summary))
        if shardSpec.count > 1 {
            print("shard \(shardSpec) done; when all \(shardSpec.count) shards have finished run:\n"
                  + "  reme eval merge --work-dir \(workDir)\(output.map { " --output \($0)" } ?? "")")
            return
        }
        try EvalReport.present(try EvaluationMerge.result(workFolder: work), output: output)
    }
}
