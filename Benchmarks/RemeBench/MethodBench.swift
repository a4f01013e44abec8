import ArgumentParser
import Foundation
import ReME

/// `reme-bench method`: times the global stage and retrieval on synthetic data (Benchmarks/method.md).
struct MethodBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "method",
        abstract: "Time the ReME global stage and retrieval on synthetic data (release builds only).")

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

    /// The irreducible cost: the same blocked GEMM into a scratch buffer, nothing else.
    private func sgemmBaseline(test: Tensor, references s: Tensor) -> (wall: Double, cpu: Double) {
        let k = test.shape[0], d = test.shape[1], m = s.shape[0]
        var out = [Float](repeating: 0, count: k * blockSize)
        return bestTime(repeats: repeats) {
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
    }

    private func benchGlobalStage() throws {
        var base: BaseSet?
        let generation = try timed { base = try MethodBenchmark.syntheticBaseSet(pairs: pairs, dimension: dimension) }
        guard var base else { throw ValidationError("could not generate the synthetic base set") }
        let encoder = HashedTextEncoder(embeddingDimension: 512)
        print(String(format: "synthetic base set: %d pairs, %d segments, d1 = %d (generation %.1f s wall)",
                     base.pairs.count, base.segmentCount, dimension, generation.wall))
        print("| step (input: all base pairs) | wall (s) | CPU (s) |")
        print("| --- | --- | --- |")
        let all = base.pairs
        let knee = timed { _ = AmbiguousLabelFilter().apply(to: all, in: base) }
        print(String(format: "| knee filter | %.2f | %.2f |", knee.wall, knee.cpu))
        let group = try timed { _ = try GroupFilter().apply(to: all, in: base) }
        print(String(format: "| group filter (δ = 0.3) | %.2f | %.2f |", group.wall, group.cpu))
        let spread = try timed { _ = try GroupFilter(rate: .spreadScaled(maxRate: 0.5)).apply(to: all, in: base) }
        print(String(format: "| group filter, variant (d) | %.2f | %.2f |", spread.wall, spread.cpu))
        let enhance = try timed { _ = try SemanticEnhancement().apply(to: all, in: &base, textEncoder: encoder) }
        print(String(format: "| enhancement (k_sim = 30) | %.2f | %.2f |", enhance.wall, enhance.cpu))
        var reference: ReferenceSet?
        let stage = try timed { reference = try GlobalStage.run(base, textEncoder: encoder) }
        print(String(format: "| whole global stage incl. prompt-ensemble embedding of L_ref | %.2f | %.2f |", stage.wall, stage.cpu))
        let peak = ProcessUsage.peakResidentBytes().map { String(format: "%.2f GB", Double($0) / 1e9) } ?? "n/a"
        let s = reference?.statistics ?? StageStatistics()
        print("peak RSS \(peak); knee filter removed \(s.ambiguousRemovedPairs) pairs "
              + "(roots \(s.ambiguousDroppedRoots.prefix(5).joined(separator: ", ")), …), group filter \(s.groupRemovedPairs), "
              + "enhancement added \(s.enhancementAddedPairs); final m = \(s.finalSegments), n = \(s.finalPhrases), nnz = \(s.finalPairs)")
    }

    private func benchRetrieval(_ sizes: [Int]) throws {
        var rng = SplitMix64(state: 9)
        var test = Tensor(uninitialized: [testSegments, dimension])
        test.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = rng.nextSymmetricFloat() } }
        test.l2NormalizeRowsInPlace()
        var classEmbeddings = Tensor(uninitialized: [classes, 512])
        classEmbeddings.withUnsafeMutableBufferPointer { p in for i in 0..<p.count { p[i] = rng.nextSymmetricFloat() } }
        classEmbeddings.l2NormalizeRowsInPlace()
        let configuration = RetrievalConfiguration(topK: topK > 0 ? topK : nil, blockSize: blockSize, threads: threads)
        print("| references m | storage | P_seg wall (s) | P_seg CPU (s) | plain sgemm S_test·S_refᵀ f32, wall / CPU (s) | ratio (CPU) "
              + "| P_seg with cached O_ref·A2, CPU (s) / ratio | A2 + O_ref·A2 once per label list, CPU (s) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for m in sizes {
            var baseline = (wall: Double.nan, cpu: Double.nan)
            for half in [false, true] {
                let index = try MethodBenchmark.syntheticIndex(segments: m, dimension: dimension, phrases: max(1, m / 2),
                                                               halfPrecision: half)
                let engine = RetrievalEngine(index: index, configuration: configuration)
                var a2 = Tensor(zeros: [1, 1])
                let a2Time = try timed { a2 = try engine.classAffinity(classEmbeddings: classEmbeddings) }
                let best = try bestTime(repeats: repeats) { _ = try engine.segmentScores(test: test, classAffinity: a2) }
                var v = Tensor(zeros: [1, 1])
                let vTime = try timed { v = try engine.referenceClasses(classAffinity: a2) }
                let cached = try bestTime(repeats: repeats) { _ = try engine.segmentScores(test: test, referenceClasses: v) }.cpu
                if case let .float32(s) = index.storage { baseline = sgemmBaseline(test: test, references: s) }
                print(String(format: "| %d | %@ | %.3f | %.3f | %.3f / %.3f | %.2f | %.3f / %.2f | %.3f |", m, half ? "f16" : "f32",
                             best.wall, best.cpu, baseline.wall, baseline.cpu, best.cpu / baseline.cpu,
                             cached, cached / baseline.cpu, a2Time.cpu + vTime.cpu))
            }
        }
    }
}
