import Foundation
import ReMEImage

/// The numbers `reme eval` reports, mmsegmentation style (percent).
public struct EvaluationResult: Sendable {
    public var dataset: String
    public var images: Int
    public var mIoU: Double
    public var aAcc: Double
    /// Per class: IoU in percent, nil where the class is in neither predictions nor labels.
    public var perClass: [(name: String, iou: Double?)]

    public var json: [String: Any] {
        var classes: [String: Any] = [:]
        for entry in perClass { if let iou = entry.iou { classes[entry.name] = iou } }
        return ["dataset": dataset, "images": images, "mIoU": mIoU.isNaN ? NSNull() : mIoU,
                "aAcc": aAcc.isNaN ? NSNull() : aAcc, "per_class": classes]
    }
}

/// Runs a segmentation pipeline over a benchmark and scores it against its label maps.
public struct BenchmarkEvaluation {
    public var dataset: BenchmarkDataset
    public var pipeline: SegmentationPipeline
    /// The class names as text-encoder inputs (`Benchmark.promptName` of the dataset's names).
    public var prompts: [String]

    public init(dataset: BenchmarkDataset, pipeline: SegmentationPipeline) {
        self.dataset = dataset
        self.pipeline = pipeline
        self.prompts = dataset.classNames.map(Benchmark.promptName)
    }

    /// - Parameters:
    ///   - limit: evaluate only the first `limit` images of the split.
    ///   - predictions: folder for each prediction as a PNG of class ids named after the image.
    public func run(limit: Int? = nil, predictions: URL? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> EvaluationResult {
        let samples = Array(dataset.samples.prefix(limit ?? dataset.samples.count))
        var metric = IoUMetric(classCount: dataset.classNames.count, ignoreIndex: dataset.benchmark.ignoreIndex,
                               reduceZeroLabel: dataset.labelMapping == .reduceZeroLabel)
        if let predictions {
            try FileManager.default.createDirectory(at: predictions, withIntermediateDirectories: true)
        }
        for (i, sample) in samples.enumerated() {
            let image = try PixelImage(contentsOfFile: sample.image.path)
            let truth: UInt16Image
            do { truth = try UInt16Image(labelMapOfPNGOrTIFF: sample.label.path) } catch {
                throw DatasetError.unreadableLabel(path: sample.label.path, reason: "\(error)")
            }
            let output = try pipeline.segment(image, labels: prompts, classNames: dataset.classNames, name: sample.image.path)
            var prediction = output.classMap
            if truth.width != output.width || truth.height != output.height {
                prediction = NearestResize.resize(prediction, width: output.width, height: output.height,
                                                  toWidth: truth.width, toHeight: truth.height)
            }
            try metric.add(prediction: prediction, groundTruth: truth.pixels.map { Int32($0) })
            if let predictions {
                let name = sample.id.replacingOccurrences(of: "/", with: "_") + ".png"
                try PredictionFiles.writeClassMap(prediction, width: truth.width, height: truth.height,
                                                  classCount: dataset.classNames.count,
                                                  to: predictions.appendingPathComponent(name).path)
            }
            progress(i + 1, samples.count)
        }
        let summary = metric.summary
        return EvaluationResult(dataset: dataset.benchmark.rawValue, images: samples.count, mIoU: summary.mIoU,
                                aAcc: summary.aAcc,
                                perClass: zip(dataset.classNames, summary.perClassIoU).map { ($0, $1.isNaN ? nil : $1) })
    }
}
