import Foundation
import Testing
@testable import ReME
import ReMETestSupport

/// The retrieval rule written out densely in Double, as the reference.
struct DenseRetrieval {
    let test: [Float], k: Int, ref: [Float], m: Int, d: Int
    let assignment: CSRAssignment
    let tau1: Double

    func a1(topK: Int?) -> [Double] {
        let n = assignment.columnCount
        var out = [Double](repeating: 0, count: k * n)
        for i in 0..<k {
            var logits = (0..<m).map { r in
                tau1 * (0..<d).reduce(0.0) { $0 + Double(test[i * d + $1]) * Double(ref[r * d + $1]) }
            }
            if let topK, topK < m {
                let cut = logits.enumerated().sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
                let keep = Set(cut.prefix(topK).map(\.offset))
                for r in 0..<m where !keep.contains(r) { logits[r] = -.infinity }
            }
            let top = logits.max() ?? 0
            let w = logits.map { exp($0 - top) }
            let z = w.reduce(0, +)
            for r in 0..<m {
                for p in Int(assignment.indptr[r])..<Int(assignment.indptr[r + 1]) {
                    out[i * n + Int(assignment.indices[p])] += w[r] / z
                }
            }
        }
        return out
    }
}

@Suite struct RetrievalEngineTests {
    struct Case {
        let index: ReferenceIndex
        let dense: DenseRetrieval
        let test: Tensor
        let classes: Tensor
    }

    func makeCase(m: Int = 300, n: Int = 40, k: Int = 7, d: Int = 16, d2: Int = 8, c: Int = 5, seed: UInt64 = 1,
                  half: Bool = false) throws -> Case {
        var rng = SeededGenerator(seed: seed)
        let ref = try randomUnitRows(m, d, using: &rng)
        let test = try randomUnitRows(k, d, using: &rng)
        var pairs: [(row: Int32, column: Int32)] = []
        for r in 0..<m {
            for _ in 0..<Int.random(in: 1...3, using: &rng) { pairs.append((Int32(r), Int32.random(in: 0..<Int32(n), using: &rng))) }
        }
        let csr = CSRAssignment(rows: m, columns: n, pairs: pairs)
        let labels = try randomUnitRows(n, d2, using: &rng)
        let index = try ReferenceIndex(storage: half ? .float16(try HalfMatrix(ref)) : .float32(ref),
                                       assignment: csr, labelEmbeddings: labels)
        // The dense reference sees the same (possibly half-rounded) reference rows.
        let refValues = half ? ref.scalars.map { Float(Float16($0)) } : ref.scalars
        let dense = DenseRetrieval(test: test.scalars, k: k, ref: refValues, m: m, d: d, assignment: csr, tau1: 100)
        return Case(index: index, dense: dense, test: test, classes: try randomUnitRows(c, d2, using: &rng))
    }

    @Test(arguments: [1, 7, 64, 300, 1000])
    func phraseScoresMatchDenseSoftmaxForAnyBlockSize(block: Int) throws {
        let t = try makeCase()
        let engine = RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(blockSize: block))
        let a1 = try engine.phraseScores(test: t.test).scalars
        let expected = t.dense.a1(topK: nil).map(Float.init)
        #expect(maxAbsDifference(a1, expected) < 1e-5)
    }

    @Test(arguments: [1, 5, 50])
    func topKMatchesDenseCut(topK: Int) throws {
        let t = try makeCase(seed: 2)
        for block in [16, 1000] {
            let engine = RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(topK: topK, blockSize: block))
            let a1 = try engine.phraseScores(test: t.test).scalars
            #expect(maxAbsDifference(a1, t.dense.a1(topK: topK).map(Float.init)) < 1e-5)
        }
    }

    @Test(arguments: [nil, 10] as [Int?])
    func fusedSegmentScoresEqualA1TimesA2(topK: Int?) throws {
        let t = try makeCase(seed: 3)
        for block in [64, 1000] {  // 1000: one block of 300 rows, built on two threads
            let engine = RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(topK: topK, blockSize: block))
            let a2 = try engine.classAffinity(classEmbeddings: t.classes)
            let p = try engine.segmentScores(test: t.test, classAffinity: a2)
            let a1 = try Tensor(shape: [7, 40], data: t.dense.a1(topK: topK).map(Float.init))
            let expected = try Tensor.matmul(a1, a2)
            #expect(p.shape == [7, 5])
            #expect(maxAbsDifference(p.scalars, expected.scalars) < 1e-5)
        }
        let a2 = try RetrievalEngine(index: t.index).classAffinity(classEmbeddings: t.classes)
        // Rows of A2 are distributions, so each P_seg row sums to the segment's phrase mass.
        #expect(abs(a2.scalars[0..<5].reduce(0, +) - 1) < 1e-5)
    }

    @Test(arguments: [nil, 10] as [Int?])
    func precomputedReferenceClassesGiveTheSameScores(topK: Int?) throws {
        let t = try makeCase(seed: 8)
        let engine = RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(topK: topK, blockSize: 70))
        let a2 = try engine.classAffinity(classEmbeddings: t.classes)
        let v = try engine.referenceClasses(classAffinity: a2)
        #expect(v.shape == [300, 5])
        let direct = try engine.segmentScores(test: t.test, classAffinity: a2)
        let cached = try engine.segmentScores(test: t.test, referenceClasses: v)
        #expect(maxAbsDifference(direct.scalars, cached.scalars) < 1e-6)
        #expect(throws: MethodError.self) { try engine.segmentScores(test: t.test, referenceClasses: a2) }
    }

    @Test func halfStorageStaysCloseToFloat() throws {
        let t32 = try makeCase(seed: 4)
        let t16 = try makeCase(seed: 4, half: true)
        let e32 = RetrievalEngine(index: t32.index, configuration: RetrievalConfiguration(blockSize: 50))
        let e16 = RetrievalEngine(index: t16.index, configuration: RetrievalConfiguration(blockSize: 50))
        let a32 = try e32.phraseScores(test: t32.test).scalars
        let a16 = try e16.phraseScores(test: t16.test).scalars
        // Exact against the half-rounded dense reference, close to the Float32 result.
        #expect(maxAbsDifference(a16, t16.dense.a1(topK: nil).map(Float.init)) < 1e-5)
        #expect(maxAbsDifference(a16, a32) < 0.05)
    }

    @Test func softmaxSurvivesLargeTemperatures() throws {
        // τ = 5000 makes logits span ±5000: only the online rescaling keeps this finite.
        let t = try makeCase(m: 200, seed: 6)
        let engine = RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(visualTemperature: 5000, blockSize: 13))
        let a1 = try engine.phraseScores(test: t.test).scalars
        let dense = DenseRetrieval(test: t.dense.test, k: 7, ref: t.dense.ref, m: 200, d: 16, assignment: t.index.assignment, tau1: 5000)
        #expect(a1.allSatisfy { $0.isFinite })
        #expect(maxAbsDifference(a1, dense.a1(topK: nil).map(Float.init)) < 1e-4)
    }

    @Test func rejectsBadInput() throws {
        let t = try makeCase()
        #expect(throws: MethodError.self) {
            try RetrievalEngine(index: t.index).phraseScores(test: Tensor(zeros: [2, 3]))
        }
        #expect(throws: MethodError.self) {
            try RetrievalEngine(index: t.index, configuration: RetrievalConfiguration(topK: 0)).phraseScores(test: t.test)
        }
    }

    @Test func noTestSegmentsGiveEmptyScores() throws {
        let t = try makeCase()
        let engine = RetrievalEngine(index: t.index)
        let a2 = try engine.classAffinity(classEmbeddings: t.classes)
        #expect(try engine.segmentScores(test: Tensor(zeros: [0, 16]), classAffinity: a2).shape == [0, 5])
        #expect(try engine.phraseScores(test: Tensor(zeros: [0, 16])).shape == [0, 40])
        var empty = BaseSet(featureDimension: 3)
        _ = empty.rootID("x")
        #expect(try GroupFilter().apply(to: empty.pairs, in: empty).pairs.count == 0)
    }

    @Test func fastKernelsAreAccurate() {
        for x in stride(from: Float(-80), through: 80, by: 0.37) {
            #expect(abs(FastMath.exp(x) / Foundation.exp(x) - 1) < 1e-6)
        }
        #expect(FastMath.exp(-200) == 0)
        for v: Float in [0, -0, 1, -2.5, 65504, 6.1e-5, 5.96e-8, 1e-6, .infinity, -.infinity, 0.333] {
            #expect(HalfConversion.floatFromHalf(Float16(v).bitPattern) == Float(Float16(v)))
        }
        #expect(HalfConversion.floatFromHalf(Float16.nan.bitPattern).isNaN)
    }
}

@Suite struct PixelPredictionTests {
    @Test func labelMapsAndWeightedMasksAgree() throws {
        let p = try tensor([2, 3], [0.1, 0.7, 0.2, 0.5, 0.3, 0.2])
        let labels: [Int32] = [0, 0, 1, 1, 0, 1]
        let map = try SegmentMasks(width: 3, height: 2, labels: labels)
        #expect(try PixelPrediction.predict(segmentScores: p, masks: map) == [1, 1, 0, 0, 1, 0])
        let weights = try tensor([2, 6], labels.map { $0 == 0 ? 1 : 0 } + labels.map { $0 == 1 ? 1 : 0 })
        let dense = try SegmentMasks(width: 3, height: 2, weights: weights)
        #expect(try PixelPrediction.predict(segmentScores: p, masks: dense) == [1, 1, 0, 0, 1, 0])
        // Background rule: class 0 is the placeholder; segment 1's best (0.3/1.0) is below 0.4.
        let bg = BackgroundRule(threshold: 0.4, classIndex: 0)
        #expect(try PixelPrediction.predict(segmentScores: p, masks: map, background: bg) == [1, 1, 0, 0, 1, 0])
        let p2 = try tensor([2, 3], [0.1, 0.7, 0.2, 0.0, 0.5, 0.5])
        #expect(try PixelPrediction.predict(segmentScores: p2, masks: map, background: bg) == [1, 1, 1, 1, 1, 1])
        #expect(throws: MethodError.self) { try PixelPrediction.predict(segmentScores: p, masks: map, background: .init(classIndex: 5)) }
    }

    @Test func zeroReferenceIsASoftmaxOverClasses() throws {
        let crops = try tensor([1, 2], [1, 0])
        let classes = try tensor([2, 2], [1, 0, 0, 1])
        let p = try ZeroReferenceClassifier(temperature: 2).segmentScores(cropEmbeddings: crops, classEmbeddings: classes)
        let e2 = Foundation.exp(Float(2))
        #expect(maxAbsDifference(p.scalars, [e2 / (e2 + 1), 1 / (e2 + 1)]) < 1e-6)
    }
}
