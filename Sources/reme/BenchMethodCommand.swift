import ArgumentParser
import Foundation
import ReME

/// Hidden: times the global stage and retrieval on synthetic data (Benchmarks/method.md).
struct BenchMethodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-method",
        abstract: "Time the ReME global stage and retrieval on synthetic data (release builds only).",
        shouldDisplay: false)

    @Option(help: "Pairs in the synthetic base set (0 skips the global stage).")
    var pairs = 1_000_000
    @Option(help: "Visual feature width d1.")
    var dimension = 1024
    @Option(help: "Reference-set sizes to retrieve against, comma-separated (empty skips retrieval).")
    var references = "100000,1000000"
    @Option(help: "Test segments per query.")
    var testSegments = 100
    @Option(help: "Classes per query.")
    var classes = 150
    @Option(help: "Reference rows per block.")
    var blockSize = 8192
    @Option(help: "Eq. 1 top-k neighbour cut (0: none).")
    var topK = 0
    @Option(help: "Worker threads for the per-row work.")
    var threads = 2
    @Option(help: "Timed repetitions per retrieval setting (the best is reported).")
    var repeats = 3

    func run() throws {
        print("BLAS core: \(BLAS.coreName)")
        if pairs > 0 { try benchGlobalStage() }
        let sizes = references.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if !sizes.isEmpty { try benchRetrieval(sizes) }
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The irreducible cost: the same blocked GEMM into a scratch buffer, nothing else.
    private func sgemmBaseline(test: Tensor, references s: Tensor) throws -> Double {
        let k = test.shape[0], d = test.shape[1], m = s.shape[0]
        var out = [Float](repeating: 0, count: k * blockSize)
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t = ContinuousClock().measure {
                test.withUnsafeBufferPointer { tp in
                    s.withUnsafeBufferPointer { sp in
                        out.withUnsafeMutableBufferPointer { op in
                            var start = 0
                            while start < m {
                                let b = min(blockSize, m - start)
                                BLAS.sgemm(transA: false, transB: true, m: k, n: b, k: d, alpha: 100,
                                           a: tp.baseAddress!, lda: d, b: sp.baseAddress! + start * d, ldb: d,
                                           c: op.baseAddress!, ldc: b)
                                start += b
                            }
                        }
                    }
                }
            }
            best = min(best, seconds(t))
        }
        return best
    }

    private func benchGlobalStage() throws {
        let clock = ContinuousClock()
        var base: BaseSet?
        let generation = clock.measure { base = try? MethodBenchmark.syntheticBaseSet(pairs: pairs, dimension: dimension) }
        guard let base else { throw CLIFailure(message: "could not generate the synthetic base set") }
        let encoder = HashedTextEncoder(embeddingDimension: 512)
        var reference: ReferenceSet?
        let stage = try clock.measure { reference = try GlobalStage.run(base, textEncoder: encoder) }
        let peak = MethodBenchmark.peakResidentBytes().map { String(format: "%.2f GB", Double($0) / 1e9) } ?? "n/a"
        let s = reference?.statistics ?? StageStatistics()
        print(String(format: "global stage: %d pairs, %d segments, d1 = %d: generation %.2f s, global stage %.2f s, peak RSS %@",
                     s.basePairs, s.baseSegments, dimension, seconds(generation), seconds(stage), peak))
        print("  removed by knee filter \(s.ambiguousRemovedPairs) (roots \(s.ambiguousDroppedRoots.prefix(5).joined(separator: ", "))…), "
              + "group filter \(s.groupRemovedPairs), added by enhancement \(s.enhancementAddedPairs); "
              + "final m = \(s.finalSegments), n = \(s.finalPhrases), nnz = \(s.finalPairs)")
    }

    private func benchRetrieval(_ sizes: [Int]) throws {
        let clock = ContinuousClock()
        var rng = SplitMix64(state: 9)
        var test = Tensor(uninitialized: [testSegments, dimension])
        test.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = rng.nextSymmetricFloat() } }
        test.l2NormalizeRowsInPlace()
        var classEmbeddings = Tensor(uninitialized: [classes, 512])
        classEmbeddings.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = rng.nextSymmetricFloat() } }
        classEmbeddings.l2NormalizeRowsInPlace()
        let configuration = RetrievalConfiguration(topK: topK > 0 ? topK : nil, blockSize: blockSize, threads: threads)
        print("| references m | storage | P_seg (s) | plain sgemm S_test·S_refᵀ, f32 (s) | ratio | A2 once per label list (s) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for m in sizes {
            var baseline = Double.nan
            for half in [false, true] {
                let index = try MethodBenchmark.syntheticIndex(segments: m, dimension: dimension, phrases: max(1, m / 2),
                                                               halfPrecision: half)
                let engine = RetrievalEngine(index: index, configuration: configuration)
                var a2 = Tensor(zeros: [1, 1])
                let a2Time = try clock.measure { a2 = try engine.classAffinity(classEmbeddings: classEmbeddings) }
                var best = Double.infinity
                for _ in 0..<max(1, repeats) {
                    let t = try clock.measure { _ = try engine.segmentScores(test: test, classAffinity: a2) }
                    best = min(best, seconds(t))
                }
                if case let .float32(s) = index.storage { baseline = try sgemmBaseline(test: test, references: s) }
                print(String(format: "| %d | %@ | %.3f | %.3f | %.2f | %.3f |", m, half ? "f16" : "f32", best, baseline,
                             best / baseline, seconds(a2Time)))
            }
        }
    }
}
