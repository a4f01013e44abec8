import ArgumentParser
import Foundation
import ReMEImage

/// `reme-bench felzenszwalb-raw`, behind scripts/compare_felzenszwalb.py and Benchmarks/segments.md: segments raw
/// interleaved 8-bit pixels (no image codec involved) and writes the labels as raw little-endian
/// Int32, so the comparison with scikit-image sees exactly the same pixels.
struct FelzenszwalbRawBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "felzenszwalb-raw",
        abstract: "Segment raw 8-bit pixels (testing and benchmarking aid)."
    )

    @Argument(help: "Raw interleaved 8-bit pixels, row-major.") var input: String
    @Option var width: Int
    @Option var height: Int
    @Option var channels: Int = 3
    @Option var scale: Double = 100
    @Option var sigma: Double = 1.0
    @Option(name: .customLong("min-size")) var minSize: Int = 20
    @Option(help: "Raw little-endian Int32 labels to write.") var output: String?
    @Option(help: "Run this many times and print the fastest time in milliseconds.") var `repeat`: Int = 1

    func run() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: input))
        guard width > 0, height > 0, data.count == width * height * channels else {
            throw ValidationError("\(input) has \(data.count) bytes, expected \(width)×\(height)×\(channels)")
        }
        let image = PixelImage(width: width, height: height, channels: channels, pixels: [UInt8](data))
        let parameters = FelzenszwalbParameters(scale: scale, sigma: sigma, minSize: minSize)
        var labels: SegmentLabels?
        let best = try bestTime(repeats: `repeat`) {
            labels = try Felzenszwalb.segment(image, parameters: parameters, maxPixels: Int.max)
        }.wall * 1e3
        guard let labels else { return }
        if let output {
            let bytes = labels.labels.withUnsafeBufferPointer { Data(buffer: $0) }
            try bytes.write(to: URL(fileURLWithPath: output))
        }
        print("segments \(labels.count) ms \(String(format: "%.3f", best))")
    }
}
