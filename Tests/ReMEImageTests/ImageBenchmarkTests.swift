import Foundation
import ReMEImage
import Testing

/// Timing of JPEG decode + short-side-448 resize, run only when REME_IMAGE_BENCH names a
/// JPEG (see Benchmarks/imageio_bench.py, which runs it in a release build next to PIL).
/// With REME_IMAGE_BENCH_OUT set, the decoded and resized images are written there as PNG.
@Suite struct ImageBenchmarkTests {
    static let path = ProcessInfo.processInfo.environment["REME_IMAGE_BENCH"]

    @Test(.enabled(if: path != nil))
    func decodeAndResizeTimings() throws {
        let path = try #require(Self.path)
        let iterations = Int(ProcessInfo.processInfo.environment["REME_IMAGE_BENCH_RUNS"] ?? "") ?? 50

        func median(_ body: () throws -> Void) rethrows -> Double {
            var samples: [Double] = []
            for run in 0..<(iterations + 5) {
                let start = ContinuousClock.now
                try body()
                let elapsed = ContinuousClock.now - start
                if run >= 5 {
                    samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
                }
            }
            return samples.sorted()[samples.count / 2]
        }

        var decoded = try PixelImage(contentsOfFile: path)
        let size = try ResizeGeometry.shortSide(448, width: decoded.width, height: decoded.height)
        var resized = try decoded.resizedLikePIL(width: size.width, height: size.height, filter: .bicubic)
        var floatResized = FloatImage(width: 1, height: 1, channels: 1, pixels: [0])

        let decodeMs = try median { decoded = try PixelImage(contentsOfFile: path) }
        let resizeMs = try median { resized = try decoded.resizedLikePIL(width: size.width, height: size.height) }
        let totalMs = try median {
            let image = try PixelImage(contentsOfFile: path)
            resized = try image.resizedLikePIL(width: size.width, height: size.height, filter: .bicubic)
        }
        let floatMs = try median {
            let image = FloatImage(try PixelImage(contentsOfFile: path))
            floatResized = try image.resizedLikeTorch(width: size.width, height: size.height, filter: .bicubic,
                                                      antialias: true)
        }
        print("reme-image-bench size=\(decoded.width)x\(decoded.height)->\(size.width)x\(size.height) "
              + "decode_ms=\(decodeMs) resize_u8_ms=\(resizeMs) decode_resize_u8_ms=\(totalMs) "
              + "decode_resize_float_aa_ms=\(floatMs) runs=\(iterations)")
        #expect(resized.width == size.width && floatResized.height == size.height)

        if let out = ProcessInfo.processInfo.environment["REME_IMAGE_BENCH_OUT"] {
            try decoded.writePNG(to: out + "/decoded.png")
            try resized.writePNG(to: out + "/resized.png")
        }
    }
}
