import ArgumentParser
import Foundation
import ReME
import ReMEModels
import ReMETensor

/// `reme-bench sam`: times SAM's image encoder on random pixels and its mask decoder on a batch
/// of random point prompts (the automatic mask generator's batch), release builds only.
struct SAMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sam", abstract: "Time SAMModel.imageEmbeddings and decodeMasks (B point prompts).")

    @Option(help: "SAM model folder or Hugging Face id.") var model: String
    @Option(help: "Prompts per decodeMasks call.") var prompts: Int = 64
    @Option(help: "Timed repetitions after one warm-up.") var repeats: Int = 3
    @Option(help: "BLAS threads.") var threads: Int = 2
    @Flag(help: "Time only decodeMasks, on random image embeddings (for profiling the decoder).") var decoderOnly = false
    @Option(help: ArgumentHelp("Skip upscaling prompts whose predicted IoUs are all at or below this (the automatic generator passes its --pred-iou-thresh, 0.88).",
                               valueName: "iou")) var skipAtOrBelow: Float?

    func run() throws {
        BLAS.setThreadCount(threads)
        let loadClock = Stopwatch()
        let sam = try SAMModel.load(try ModelFolder.resolve(model))
        let loadSeconds = loadClock.seconds
        var rng = SystemRandomNumberGenerator()
        let size = sam.config.vision.imageSize
        let pixels = try Tensor(shape: [3, size, size],
                                data: (0..<(3 * size * size)).map { _ in Float.random(in: -2...2, using: &rng) })
        let points = try Tensor(shape: [prompts, 1, 2],
                                data: (0..<(2 * prompts)).map { _ in Float.random(in: 0..<Float(size), using: &rng) })
        let batch = SAMPromptBatch(points: points, labels: Tensor(shape: [prompts, 1], repeating: 1))
        let channels = sam.config.vision.outputChannels, side = sam.embeddingSize
        var embeddings = try Tensor(shape: [channels, side, side],
                                    data: (0..<(channels * side * side)).map { _ in Float.random(in: -1...1, using: &rng) })
        let encoder = decoderOnly
            ? (wall: 0, cpu: 0)
            : try bestTime(repeats: repeats, warmUp: 1) { embeddings = try sam.imageEmbeddings(pixelValues: pixels) }
        let decoder = try bestTime(repeats: repeats, warmUp: 1) {
            _ = try sam.decodeMasks(imageEmbeddings: embeddings, prompts: batch, multimaskOutput: true,
                                   skippingMasksAtOrBelowIoU: skipAtOrBelow)
        }
        print(String(format: "corename=%@ threads=%d load %.2f s  imageEmbeddings %.3f s (cpu %.3f s)  decodeMasks B=%d %.3f s (cpu %.3f s, %.1f ms/prompt)",
                     BLAS.coreName, threads, loadSeconds, encoder.wall, encoder.cpu, prompts, decoder.wall, decoder.cpu,
                     decoder.wall / Double(prompts) * 1e3))
    }
}
