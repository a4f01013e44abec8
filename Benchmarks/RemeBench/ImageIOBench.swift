import ArgumentParser
import Foundation
import ReME
import ReMEImage

/// `reme-bench image-io`: JPEG decode and short-side-448 resize timings (median after five
/// warm-up runs), driven by Benchmarks/imageio_bench.py next to PIL. With `--out`, the decoded
/// and resized images are written there as PNG for the conformance check.
struct ImageIOBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image-io", abstract: "JPEG decode and resize timings (Benchmarks/imageio.md).")

    @Argument(help: "A JPEG or PNG file.") var image: String
    @Option(help: "Timed runs (the median is reported).") var runs = 50
    @Option(help: "Write decoded.png and resized.png into this folder.") var out: String?

    func run() throws {
        func median(_ body: () throws -> Void) rethrows -> Double {
            let samples = try timedRuns(repeats: runs, warmUp: 5, body).map { $0.wall * 1e3 }
            return samples.sorted()[samples.count / 2]
        }

        var decoded = try PixelImage(contentsOfFile: image)
        let size = try ResizeGeometry.shortSide(448, width: decoded.width, height: decoded.height)
        var resized = try decoded.resizedLikePIL(width: size.width, height: size.height, filter: .bicubic)
        let decodeMs = try median { decoded = try PixelImage(contentsOfFile: image) }
        let resizeMs = try median { resized = try decoded.resizedLikePIL(width: size.width, height: size.height) }
        let totalMs = try median {
            let pixels = try PixelImage(contentsOfFile: image)
            resized = try pixels.resizedLikePIL(width: size.width, height: size.height, filter: .bicubic)
        }
        let floatMs = try median {
            let pixels = FloatImage(try PixelImage(contentsOfFile: image))
            _ = try pixels.resizedLikeTorch(width: size.width, height: size.height, filter: .bicubic, antialias: true)
        }
        print("reme-image-bench size=\(decoded.width)x\(decoded.height)->\(size.width)x\(size.height) "
              + "decode_ms=\(decodeMs) resize_u8_ms=\(resizeMs) decode_resize_u8_ms=\(totalMs) "
              + "decode_resize_float_aa_ms=\(floatMs) runs=\(runs)")
        if let out {
            try decoded.writePNG(to: out + "/decoded.png")
            try resized.writePNG(to: out + "/resized.png")
        }
    }
}
