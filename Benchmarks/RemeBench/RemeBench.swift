import ArgumentParser
import ReME
import ReMETensor

@main
struct RemeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reme-bench",
        abstract: "Micro-benchmarks for reme (build with -c release).",
        subcommands: [GemmBench.self, AttentionBench.self, PipelineBench.self, EncoderBench.self, MethodBench.self,
                      FelzenszwalbRawBench.self, ImageIOBench.self,
                      SafetensorsBench.self, SAMBench.self, SAMMasksBench.self]
    )

    static func main() {
        HeapAllocation.reuseLargeBlocks()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
