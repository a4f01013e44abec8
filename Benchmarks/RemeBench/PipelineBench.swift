import ArgumentParser
import Foundation
import ReME

/// Latency breakdown of `reme segment` and of `reme build`'s per-image stage on one photo,
/// models loaded once (full-size random-weight checkpoints are fine: cost does not depend
/// on the weights' values).
struct PipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "segment / build per-image latency breakdown.")

    @Option(help: "CLIP folder (with tokenizer files).") var clip: String
    @Option(help: "Visual-feature model folder (DINOv2).") var visual: String
    @Option(help: "JPEG/PNG photo.") var image: String
    @Option(help: "Synthetic reference-set size for retrieval.") var references = 100_000
    @Option(help: "Timed repeats (best is kept).") var repeats = 1
    @Option(help: "BLAS threads.") var threads = 2
    @Flag(help: "Only `segment` with a reference set (skip the CLIP-crop modes, minutes per photo on a CPU).")
    var referenceOnly = false

    func run() throws {
        BLAS.setThreadCount(threads)
        emit("corename=\(BLAS.coreName) threads=\(threads) clip=\(clip) visual=\(visual)")
        let load = Stopwatch()
        let encoders = try EncoderSet.load(clip: clip, visual: visual, crops: true, region: true)
        emit(String(format: "load models: %.2f s, peak RSS %.0f MB", load.seconds, Double(ProcessUsage.peakResidentBytes() ?? 0) / 1e6))
        guard let crops = encoders.crops, let region = encoders.region else { return }

        var decodeTime = Double.infinity
        var photo: PixelImage?
        for _ in 0..<repeats {
            let c = Stopwatch()
            photo = try PixelImage(contentsOfFile: image)
            decodeTime = min(decodeTime, c.seconds)
        }
        guard let photo else { return }
        let labels = ["person", "dining table", "wall", "floor", "window", "chair", "food", "bottle"]

        // Synthetic reference set of the requested size (random unit rows, f16 storage).
        let m = references
        let index = try MethodBenchmark.syntheticIndex(segments: m, dimension: region.featureDimension, phrases: m / 5,
                                                       labelDimension: encoders.text.embeddingDimension, halfPrecision: true)
        let engine = RetrievalEngine(index: index)
        let withReference = SegmentationPipeline(
            masks: FelzenszwalbMasks(), labeler: .retrieval(engine, regionEncoder: region, textEncoder: encoders.text))
        let zeroReference = SegmentationPipeline(
            masks: FelzenszwalbMasks(), labeler: .zeroReference(cropEncoder: crops, textEncoder: encoders.text))
        let modes = [("segment (reference, \(m) refs f16)", withReference), ("segment (zero-reference CLIP crops)", zeroReference)]
        for (name, pipeline) in modes.prefix(referenceOnly ? 1 : 2) {
            _ = try pipeline.segment(photo, labels: labels)  // label-list work is cached after this
            var best: StageTimings?
            for _ in 0..<repeats {
                let t = try pipeline.segment(photo, labels: labels).timings
                if best == nil || t.total < best!.total { best = t }
            }
            if let b = best {
                let total = decodeTime + b.total
                emit(String(format: "%@: total %.3f s | decode %.3f (%.0f%%) | segments %.3f (%.0f%%) | visual %.3f (%.0f%%) | retrieval %.3f (%.0f%%) | paint %.3f (%.0f%%)",
                             name, total, decodeTime, 100 * decodeTime / total, b.segmenting, 100 * b.segmenting / total,
                             b.visualFeatures, 100 * b.visualFeatures / total, b.retrieval, 100 * b.retrieval / total,
                             b.painting, 100 * b.painting / total))
            }
        }

        if referenceOnly { return }
        // reme build, one image: the steps of PerImageStage timed one by one.
        let caption = "Several people sit around a wooden dining table in a room with a white wall, a window, "
            + "plates of food, glasses and bottles; a man in a striped shirt smiles at the camera."
        let extractor = try PhraseExtractor()
        var steps = [String: Double]()
        for _ in 0..<repeats {
            var c = Stopwatch()
            let segments = try Superpixels.segment(photo, options: SuperpixelOptions())
            let masks = try SegmentMasks(segments)
            let tSeg = c.seconds; c = Stopwatch()
            let phrases = extractor.phrases(in: caption).map { RootedPhrase(text: $0.text, root: $0.root) }
            let tPhr = c.seconds; c = Stopwatch()
            let cropEmb = try crops.encodeCrops(image: photo, masks: masks)
            let tCrop = c.seconds; c = Stopwatch()
            let textEmb = try encoders.text.encodeTexts(phrases.map(\.text))
            let tText = c.seconds; c = Stopwatch()
            let visualFeatures = try region.encodeRegions(image: photo, masks: masks)
            let tVis = c.seconds; c = Stopwatch()
            _ = try InitialPairing.pair(cropEmbeddings: cropEmb, phraseEmbeddings: textEmb,
                                        visualFeatures: visualFeatures, phrases: phrases)
            let tPair = c.seconds
            for (k, v) in [("1 segments (\(segments.count))", tSeg), ("2 phrases (\(phrases.count))", tPhr),
                           ("3 CLIP masked crops", tCrop), ("4 CLIP phrase text", tText),
                           ("5 DINOv2 + mask pooling", tVis), ("6 pairing", tPair)] {
                steps[k] = min(steps[k] ?? .infinity, v)
            }
        }
        let total = steps.values.reduce(0, +)
        emit(String(format: "build per image: total %.3f s", total))
        for (k, v) in steps.sorted(by: { $0.key < $1.key }) {
            emit(String(format: "  %@: %.3f s (%.0f%%)", k, v, 100 * v / total))
        }
        emit(String(format: "peak RSS %.0f MB", Double(ProcessUsage.peakResidentBytes() ?? 0) / 1e6))
    }
}

/// Unbuffered line output, so long benchmarks show progress when redirected to a file.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
