import ArgumentParser
import Foundation
import ReME
import ReMEModels
import ReMETensor
import Synchronization

/// `reme-bench sam-masks`: SAM's automatic mask generator on one photo, as `reme masks` runs
/// it, split into image encoder, mask decoder and post-processing (everything else: pre-
/// processing, stability, boxes, NMS, RLE), with peak RSS; the Swift side of Benchmarks/sam.sh.
struct SAMMasksBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sam-masks", abstract: "Time SAM's automatic mask generation on one image, per stage.")

    @Option(help: "SAM model folder or Hugging Face id.") var model: String
    @Option(help: "The photo.") var image: String
    @Option(help: "Grid points per side.") var pointsPerSide = 32
    @Option(help: "Predicted-IoU threshold.") var predIoUThresh: Float = 0.88
    @Option(help: "Stability-score threshold.") var stabilityScoreThresh: Float = 0.95
    @Option(help: "BLAS threads.") var threads: Int = 2
    @Option(help: "Write the timings as JSON here.") var json: String?

    func run() throws {
        BLAS.setThreadCount(threads)
        let loadClock = Stopwatch()
        let sam = TimedMaskModel(model: try SAMModel.load(try ModelFolder.resolve(model)))
        let loadSeconds = loadClock.seconds
        let photo = try PixelImage(contentsOfFile: image)
        var settings = SAMMaskGenerationSettings()
        settings.pointsPerSide = pointsPerSide
        settings.predIoUThresh = predIoUThresh
        settings.stabilityScoreThresh = stabilityScoreThresh
        let generator = try SAMAutomaticMaskGenerator(model: sam, settings: settings)
        let clock = Stopwatch()
        let masks = try generator.generate(photo)
        let total = clock.seconds
        let (encoder, decoder) = sam.seconds
        let timings: [String: Any] = [
            "image_encoder": encoder, "decoder": decoder, "postprocess": total - encoder - decoder, "total": total,
            "load": loadSeconds, "peak_rss_mib": Double(ProcessUsage.peakResidentBytes() ?? 0) / 1_048_576,
            "masks": masks.count, "threads": threads, "corename": BLAS.coreName,
        ]
        print(String(format: "corename=%@ threads=%d  encoder %.2f s  decoder %.2f s  post-processing %.2f s  total %.2f s  peak RSS %.0f MiB  %d masks",
                     BLAS.coreName, threads, encoder, decoder, total - encoder - decoder, total,
                     timings["peak_rss_mib"] as? Double ?? 0, masks.count))
        if let json {
            try JSONSerialization.data(withJSONObject: timings, options: [.sortedKeys]).write(to: URL(fileURLWithPath: json))
        }
    }
}

/// The model with the seconds spent in each of its two calls.
private final class TimedMaskModel: PromptableMaskModel {
    let model: SAMModel
    private let totals = Mutex<(encoder: Double, decoder: Double)>((0, 0))

    init(model: SAMModel) { self.model = model }

    var seconds: (encoder: Double, decoder: Double) { totals.withLock { $0 } }

    func imageEmbeddings(pixelValues: Tensor) throws -> Tensor {
        let clock = Stopwatch()
        defer { totals.withLock { $0.encoder += clock.seconds } }
        return try model.imageEmbeddings(pixelValues: pixelValues)
    }

    func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool) throws -> DecodedMasks {
        let clock = Stopwatch()
        defer { totals.withLock { $0.decoder += clock.seconds } }
        return try model.decodeMasks(imageEmbeddings: imageEmbeddings, prompts: prompts, multimaskOutput: multimaskOutput)
    }

    func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool,
                     skippingMasksAtOrBelowIoU threshold: Float) throws -> DecodedMasks {
        let clock = Stopwatch()
        defer { totals.withLock { $0.decoder += clock.seconds } }
        return try model.decodeMasks(imageEmbeddings: imageEmbeddings, prompts: prompts, multimaskOutput: multimaskOutput,
                                     skippingMasksAtOrBelowIoU: threshold)
    }
}
