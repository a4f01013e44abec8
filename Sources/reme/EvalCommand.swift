import ArgumentParser
import Foundation
import ReME

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate on an OVS benchmark (mIoU, mmsegmentation's protocol).",
        discussion: """
            Datasets: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")). --root is the \
            dataset's own folder in the mmsegmentation layout (VOC: the VOC2012 folder with \
            JPEGImages/, SegmentationClass/, ImageSets/Segmentation/val.txt) or the detectron2 / \
            CAT-Seg layout. mIoU comes from a confusion of areas summed over the split at the \
            label maps' resolution (ignore index 255; 65535 for the 16-bit 459/847-class maps); \
            classes absent from both predictions and labels are left out of the mean. \
            Benchmarks with a background class (voc21, context60, coco-object) label pixels \
            whose best normalised score is below --background-threshold as background.
            """
    )

    @Option(help: "The benchmark.") var dataset: Benchmark
    @Option(help: "The dataset's folder.") var root: String
    @Option(help: ArgumentHelp("Reference set (omit for the CLIP-only baseline).", valueName: "REFSET")) var reference: String?
    @Option(help: "Evaluate only the first N images of the split.") var limit: Int?
    @Option(help: "Folder to write each prediction to (PNG of class ids named after the image).") var predictions: String?
    @Option(help: "Write {dataset, mIoU, aAcc, per_class} JSON here.") var output: String?
    @Option(help: "Class names file (one per line, in id order); needed for context459 and ade847.") var classNames: String?
    @Option(help: "Background threshold for benchmarks with a background class.") var backgroundThreshold: Float = 0.4

    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Segments") var segments: MaskOptions
    @OptionGroup(title: "Retrieval") var retrieval: RetrievalOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        guard (0...1).contains(backgroundThreshold) else { throw ValidationError("--background-threshold must be in 0…1") }
    }

    func run() throws {
        let benchmark = dataset
        if let output { try OutputCheck.file(output, option: "--output") }
        if let predictions { try OutputCheck.folder(predictions, option: "--predictions") }
        let data = try BenchmarkDataset.open(benchmark, root: URL(fileURLWithPath: root),
                                             classNamesFile: classNames.map { URL(fileURLWithPath: $0) })
        let encoders = try EncoderSet.load(clip: models.clip, visual: reference == nil ? nil : models.visual,
                                           crops: reference == nil, region: reference != nil,
                                           denseShortSide: models.denseShortSide)
        let preset = SegmentPreset(rawValue: benchmark.segmentationPreset)
        let masks = try segments.generator(defaultPreset: preset, imageCount: min(limit ?? Int.max, data.samples.count))
        let background = benchmark.hasBackgroundClass ? BackgroundRule(threshold: backgroundThreshold, classIndex: 0) : nil
        let pipeline: SegmentationPipeline = try reference.map {
            try .withReference(path: $0, encoders: encoders, masks: masks,
                               retrieval: retrieval.configuration, background: background)
        } ?? .zeroReference(encoders: encoders, masks: masks,
                            temperature: retrieval.textTemperature, background: background)
        let progress = ProgressLine("eval \(benchmark.rawValue)")
        let result = try BenchmarkEvaluation(dataset: data, pipeline: pipeline)
            .run(limit: limit, predictions: predictions.map { URL(fileURLWithPath: $0) }) { done, total in
                progress.update(Int64(done), of: Int64(total), force: done == total)
            }
        progress.finish()
        printTable(result)
        if let output {
            let json = try JSONSerialization.data(withJSONObject: result.json, options: [.prettyPrinted, .sortedKeys])
            try json.write(to: URL(fileURLWithPath: output), options: .atomic)
        }
    }

    private func printTable(_ r: EvaluationResult) {
        print("| class | IoU |")
        print("| --- | --- |")
        for entry in r.perClass {
            print("| \(entry.name) | \(entry.iou.map { String(format: "%.2f", $0) } ?? "—") |")
        }
        print(String(format: "%@: %d images, mIoU %.2f, aAcc %.2f", r.dataset, r.images, r.mIoU, r.aAcc))
    }
}
