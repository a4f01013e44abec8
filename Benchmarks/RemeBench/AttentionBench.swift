import ArgumentParser
import Foundation
import ReME

/// Multi-head attention alone (`Attention.fused`) on a ViT-sized fused q|k|v projection: how
/// much of a forward pass the attention takes, and at what GFLOP/s.
struct AttentionBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention", abstract: "Attention.fused time and GFLOP/s (DINOv2-B/14 at 448² by default).")

    @Option(help: "Tokens (1025 = DINOv2 at 448²).") var tokens = 1025
    @Option(help: "Heads.") var heads = 12
    @Option(help: "Width of one head.") var headDim = 64
    @Option(help: "BLAS threads.") var threads = 2
    @Option(help: "Timed repeats (best is kept).") var repeats = 10

    func run() throws {
        BLAS.setThreadCount(threads)
        let width = heads * headDim
        var rng = SystemRandomNumberGenerator()
        let qkv = try Tensor(shape: [1, tokens, 3 * width],
                             data: (0..<(tokens * 3 * width)).map { _ in Float.random(in: -1...1, using: &rng) })
        let t = try bestTime(repeats: repeats, warmUp: 1) { _ = try Attention.fused(qkv, heads: heads) }.wall
        let flops = 4.0 * Double(tokens) * Double(tokens) * Double(width)
        print(String(format: "corename=%@ split=%@ tokens=%d heads=%d head_dim=%d  %.2f ms  %.1f GFLOP/s (products only)",
                     BLAS.coreName, BLAS.splitsOverCores ? "on" : "off", tokens, heads, headDim, t * 1e3, flops / t / 1e9))
    }
}
