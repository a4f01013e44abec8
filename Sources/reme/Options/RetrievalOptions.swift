import ArgumentParser
import ReME

/// The retrieval rule's settings (docs/specification.md, Part 2 step 3, Eqs. 1–2).
struct RetrievalOptions: ParsableArguments {
    @Option(name: .customLong("tau-visual"), help: "Inverse temperature of the visual softmax (Eq. 1).")
    var visualTemperature: Float = RetrievalConfiguration().visualTemperature
    @Option(name: .customLong("tau-text"), help: "Inverse temperature of the text softmax (Eq. 2).")
    var textTemperature: Float = RetrievalConfiguration().textTemperature
    @Option(help: "Keep only the K most similar reference segments in Eq. 1 (default: all).")
    var topK: Int?
    @Option(help: "Reference rows per block (memory is bounded by the block, not the set).")
    var blockSize = RetrievalConfiguration().blockSize

    var configuration: RetrievalConfiguration {
        RetrievalConfiguration(visualTemperature: visualTemperature, textTemperature: textTemperature, topK: topK,
                               blockSize: blockSize)
    }

    func validate() throws {
        guard visualTemperature > 0, textTemperature > 0 else { throw ValidationError("temperatures must be positive") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        guard blockSize >= 1 else { throw ValidationError("--block-size must be at least 1") }
    }
}
