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

    /// The samples a run with `limit` evaluates: the first `limit` of the split.
    public func samples(limit: Int?) -> [BenchmarkSample] {
        Array(dataset.samples.prefix(limit ?? dataset.samples.count))
    }

    /// An empty metric for the dataset's classes and label handling.
    public func emptyMetric() -> IoUMetric {
        IoUMetric(classCount: dataset.classNames.count, ignoreIndex: dataset.benchmark.ignoreIndex,
                  reduceZeroLabel: dataset.labelMapping == .reduceZeroLabel)
    }

    /// - Parameters:
    ///   - limit: evaluate only the first `limit` images of the split.
    ///   - predictions: folder for each prediction as a PNG of class ids named after the image.
    public func run(limit: Int? = nil, predictions: URL? = nil,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> EvaluationResult {
        let samples = samples(limit: limit)
        var metric = emptyMetric()
        if let predictions {
            try FileManager.default.createDirectory(at: predictions, withIntermediateDirectories: true)
        }
        for (i, sample) in samples.enumerated() {
            let scored = try evaluate(sample, metric: metric)
            metric.add(scored.areas)
            if let predictions {
                try writePrediction(scored, of: sample, to: predictions)
            }
            progress(i + 1, samples.count)
        }
        return result(metric, images: samples.count)
    }

    /// One sample's prediction at its label map's resolution, and its areas.
    public struct ScoredSample: Sendable {
        public var prediction: [Int32]
        public var width: Int
        public var height: Int
        public var areas: ImageAreas
    }

    /// Segments one sample and scores it against its label map.
    public func evaluate(_ sample: BenchmarkSample, metric: IoUMetric) throws -> ScoredSample {
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
        let areas = try metric.areas(prediction: prediction, groundTruth: truth.pixels.map { Int32($0) })
        return ScoredSample(prediction: prediction, width: truth.width, height: truth.height, areas: areas)
    }

    /// The file a sample's prediction is written to inside a predictions folder.
    public static func predictionFile(of sample: BenchmarkSample, in folder: URL) -> URL {
        folder.appendingPathComponent(sample.id.replacingOccurrences(of: "/", with: "_") + ".png")
    }

    /// Writes a sample's prediction into a predictions folder; returns the file.
    @discardableResult
    public func writePrediction(_ scored: ScoredSample, of sample: BenchmarkSample, to folder: URL) throws -> URL {
        let file = Self.predictionFile(of: sample, in: folder)
        try PredictionFiles.writeClassMap(scored.prediction, width: scored.width, height: scored.height,
                                          classCount: dataset.classNames.count, to: file.path)
        return file
    }

    /// The reported numbers of a metric's summed areas.
    public func result(_ metric: IoUMetric, images: Int) -> EvaluationResult {
        EvaluationResult.from(metric, dataset: dataset.benchmark.rawValue, classNames: dataset.classNames, images: images)
    }
}

extension EvaluationResult {
    static func from(_ metric: IoUMetric, dataset: String, classNames: [String], images: Int) -> EvaluationResult {
        let summary = metric.summary
        return EvaluationResult(dataset: dataset, images: images, mIoU: summary.mIoU, aAcc: summary.aAcc,
                                perClass: zip(classNames, summary.perClassIoU).map { ($0, $1.isNaN ? nil : $1) })
    }
}
