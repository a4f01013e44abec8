import ArgumentParser
import Foundation
import ReME

/// sgemm throughput of `Tensor.matmul` on the shapes that matter for ViT inference.
struct GemmBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "Tensor.matmul GFLOP/s on square and ViT-B/16 layer shapes.")

    @Option(help: "BLAS threads.") var threads = 2
    @Option(help: "Timed repeats per shape (best is kept).") var repeats = 10

    static let shapes: [(name: String, m: Int, k: Int, n: Int, transB: Bool)] = [
        ("2048x2048x2048", 2048, 2048, 2048, false),
        ("vitb16 qkv 197x768 . 768x2304", 197, 768, 2304, true),
        ("vitb16 attn-out 197x768 . 768x768", 197, 768, 768, true),
        ("vitb16 mlp-up 197x768 . 768x3072", 197, 768, 3072, true),
        ("vitb16 mlp-down 197x3072 . 3072x768", 197, 3072, 768, true),
        ("vitb16 qkv batch8 1576x768 . 768x2304", 1576, 768, 2304, true),
    ]

    func run() throws {
        BLAS.setThreadCount(threads)
        print("corename=\(BLAS.coreName) threads=\(threads) split=\(BLAS.splitsOverCores ? "on" : "off (REME_BLAS_SPLIT=0)")")
        for s in Self.shapes {
            var rng = SystemRandomNumberGenerator()
            let a = try Tensor(shape: [s.m, s.k], data: (0..<(s.m * s.k)).map { _ in Float.random(in: -1...1, using: &rng) })
            let bShape = s.transB ? [s.n, s.k] : [s.k, s.n]
            let b = try Tensor(shape: bShape, data: (0..<(s.k * s.n)).map { _ in Float.random(in: -1...1, using: &rng) })
            let reps = s.m * s.n * s.k > 1_000_000_000 ? max(3, repeats / 3) : repeats
            let t = try bestTime(repeats: reps, warmUp: 1) { _ = try Tensor.matmul(a, b, transposeB: s.transB) }.wall
            let gflops = 2.0 * Double(s.m) * Double(s.n) * Double(s.k) / t / 1e9
            print(String(format: "swift\t%@\t%.3f ms\t%.1f GFLOP/s", s.name, t * 1e3, gflops))
        }
    }
}
