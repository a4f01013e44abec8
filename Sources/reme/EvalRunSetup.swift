import ArgumentParser
import Foundation
import ReME

/// What `reme eval run` builds the same way for one benchmark and for a suite of them.
extension EvalRunCommand {
    func loadEncoders() throws -> EncoderSet {
        try EncoderSet.load(clip: models.clip, visual: reference == nil ? nil : models.visual,
                            crops: reference == nil, region: reference != nil, denseShortSide: models.denseShortSide)
    }

    /// The benchmark's pipeline: its segmentation preset and, where it has one, its background rule.
    func makePipeline(for data: BenchmarkDataset, encoders: EncoderSet) throws -> SegmentationPipeline {
        let benchmark = data.benchmark
        let preset = SegmentPreset(rawValue: benchmark.segmentationPreset)
        let masks = try segments.generator(defaultPreset: preset, imageCount: min(limit ?? Int.max, data.samples.count))
        let background = benchmark.hasBackgroundClass ? BackgroundRule(threshold: backgroundThreshold, classIndex: 0) : nil
        return try reference.map {
            try .withReference(path: $0, encoders: encoders, masks: masks,
                               retrieval: retrieval.configuration, background: background)
        } ?? .zeroReference(encoders: encoders, masks: masks,
                            temperature: retrieval.textTemperature, background: background)
    }

    var classifierDescription: String {
        reference == nil ? "zero-reference tau \(retrieval.textTemperature)" : retrieval.configuration.keyDescription
    }

    func makeSettings(for data: BenchmarkDataset, encoders: EncoderSet, pipeline: SegmentationPipeline) throws -> EvaluationSettings {
        EvaluationSettings(
            dataset: data, clip: encoders.clipIdentity, visual: encoders.visualIdentity, denseShortSide: models.denseShortSide,
            reference: try reference.map { path in
                guard let digest = ContentDigest(contentsOfFile: path) else { throw CLIFailure(message: "cannot read \(path)") }
                return digest
            },
            classifier: classifierDescription, pipeline: pipeline)
    }

    /// Parses `voc21,context60,…` into benchmarks.
    static func parseBenchmarks(_ text: String) throws -> [Benchmark] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--datasets needs at least one benchmark") }
        return try names.map { name in
            guard let benchmark = Benchmark(rawValue: name) else {
                throw ValidationError("unknown benchmark '\(name)' (known: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return benchmark
        }
    }
}
