import ArgumentParser
import Foundation
import ReME
import ReMEModels
import ReMETensor

/// `reme-bench encoder`: times an image tower's forward pass on random pixels, or with
/// `--texts N` the CLIP text tower on N prompts padded to 77 tokens (Benchmarks/models.md).
/// Prints load time, seconds per forward, BLAS core and peak RSS.
struct EncoderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder", abstract: "Time an image tower on random pixels, or the text tower on prompts.")

    @Option(help: "Model folder or Hugging Face id.") var model: String
    @Option(help: "Square input side in pixels.") var size: Int = 224
    @Option(help: "Images per forward pass.") var batch: Int = 1
    @Option(help: "Timed repetitions after one warm-up.") var repeats: Int = 3
    @Option(help: "BLAS threads.") var threads: Int = 2
    @Option(help: "Time the CLIP text tower on this many prompts instead of the image tower.") var texts: Int = 0

    /// The prompts of `--texts` (Benchmarks/models_torch.py builds the same list).
    static func prompts(_ count: Int) -> [String] {
        (0..<count).map { "a photo of a thing number \($0), seen from the side." }
    }

    func run() throws {
        BLAS.setThreadCount(threads)
        let loadClock = Stopwatch()
        let folder = try ModelFolder.resolve(model)
        if texts > 0 {
            let encoder = try CLIPTextEncoder.load(folder)
            let prompts = Self.prompts(texts)
            try measure(loadSeconds: loadClock.seconds, items: texts, what: "texts=\(texts)") {
                _ = try encoder.encode(prompts)
            }
            return
        }
        let encoder = try ImageTowerRegistry.standard.load(folder)
        let loadSeconds = loadClock.seconds
        var pixels = Tensor(uninitialized: [batch, 3, size, size])
        var state: UInt64 = 0x9E3779B97F4A7C15
        pixels.withUnsafeMutableBufferPointer { p in
            for i in p.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                p[i] = Float(Int64(bitPattern: state >> 11) % 2000) / 1000 - 1
            }
        }
        try measure(loadSeconds: loadSeconds, items: batch, what: "size=\(size) batch=\(batch)") {
            _ = try encoder(pixels)
        }
    }

    /// One warm-up call, then `repeats` timed ones; prints one line of figures.
    private func measure(loadSeconds: Double, items: Int, what: String, _ body: () throws -> Void) throws {
        let runs = try timedRuns(repeats: repeats, warmUp: 1, body)
        let times = runs.map(\.wall)
        let cpuPerRun = runs.map(\.cpu).reduce(0, +) / Double(runs.count)
        let best = times.min() ?? 0
        let peakMiB = Double(ProcessUsage.peakResidentBytes() ?? 0) / 1_048_576
        print(String(format: "reme model=%@ %@ threads=%d blas=%@ split=%@ load=%.2fs best=%.3fs per_item=%.4fs median=%.3fs cpu_per_run=%.2fs peak_rss=%.0fMB",
                     model, what, threads, BLAS.coreName, BLAS.splitsOverCores ? "on" : "off", loadSeconds, best,
                     best / Double(max(items, 1)), times.sorted()[times.count / 2], cpuPerRun, peakMiB))
    }
}
