import ReMETensor

/// The retrieval rule of docs/specification.md, Part 2 step 3:
/// `A1 = softmax(τ₁·S_test·S_refᵀ)·O_ref`, `A2 = softmax(τ₂·L_ref·L_testᵀ)`, `P_seg = A1·A2`.
///
/// `segmentScores` evaluates `P_seg` as `softmax(…)·(O_ref·A2)`, forming `O_ref·A2` one
/// reference block at a time, so neither the `[k × n]` matrix `A1` nor anything of size `m`
/// is held in memory; `phraseScores` gives `A1` itself (scatter-add over the CSR rows).
/// With a precomputed `O_ref·A2` ([m × c], `referenceClasses`) the per-block gather is skipped.
public struct RetrievalEngine: Sendable {
    public let index: ReferenceIndex
    public var configuration: RetrievalConfiguration

    public init(index: ReferenceIndex, configuration: RetrievalConfiguration = RetrievalConfiguration()) {
        self.index = index
        self.configuration = configuration
    }

    /// `A2` [n × c] for L2-normalised class embeddings `[c, d2]`.
    public func classAffinity(classEmbeddings: Tensor) throws(MethodError) -> Tensor {
        try configuration.validate()
        let d2 = index.labelEmbeddings.shape[1]
        guard classEmbeddings.rank == 2, classEmbeddings.shape[1] == d2, classEmbeddings.shape[0] > 0 else {
            throw .shapeMismatch(what: "class embeddings", expected: "[c ≥ 1, \(d2)]", found: classEmbeddings.shape)
        }
        do {
            return try Tensor.softmaxOfSimilarities(index.labelEmbeddings, classEmbeddings, scale: configuration.textTemperature)
        } catch {
            throw .shapeMismatch(what: "class embeddings", expected: "[c, \(d2)]", found: classEmbeddings.shape)
        }
    }

    /// `A1` [k × n].
    public func phraseScores(test: Tensor) throws(MethodError) -> Tensor {
        try validate(test: test)
        let k = test.shape[0], n = index.phraseCount
        var out = Tensor(zeros: [k, n])
        if k == 0 { return out }
        let indptr = index.assignment.indptr, indices = index.assignment.indices
        out.withUnsafeMutableBufferPointer { o in
            let acc = SharedPointer(base: o.baseAddress!)
            if let topK = configuration.topK {
                let lists = StreamingTopK(test: test, index: index, configuration: configuration, k: topK).run()
                for (i, list) in lists.enumerated() {
                    for (r, w) in list {
                        for p in Int(indptr[r])..<Int(indptr[r + 1]) { acc.base[i * n + Int(indices[p])] += w }
                    }
                }
                return
            }
            let sums = StreamingSoftmax(test: test, index: index, configuration: configuration).run { weights, range, rescale in
                let b = range.count
                let w = SharedPointer(base: UnsafeMutablePointer(mutating: weights))
                ParallelChunks.forEach(k, minimumChunk: 1, maximumWorkers: configuration.threads) { rows in
                    for i in rows {
                        let row = acc.base + i * n
                        if let f = rescale?[i], f != 1 { for j in 0..<n { row[j] *= f } }
                        let wr = w.base + i * b
                        for (j, r) in range.enumerated() {
                            let e = wr[j]
                            for p in Int(indptr[r])..<Int(indptr[r + 1]) { row[Int(indices[p])] += e }
                        }
                    }
                }
            }
            for i in 0..<k where sums[i] > 0 {
                let inv = 1 / sums[i]
                for j in 0..<n { acc.base[i * n + j] *= inv }
            }
        }
        return out
    }

    /// `P_seg` [k × c] given `A2` from `classAffinity`; `O_ref·A2` is formed block by block.
    public func segmentScores(test: Tensor, classAffinity a2: Tensor) throws(MethodError) -> Tensor {
        try validate(classAffinity: a2)
        let c = a2.shape[1]
        var scratch = [Float](repeating: 0, count: min(configuration.blockSize, max(index.segmentCount, 1)) * c)
        return try scores(test: test, classCount: c) { range, body in
            scratch.withUnsafeMutableBufferPointer { v in
                referenceClassRows(range, a2: a2, into: v.baseAddress!)
                body(UnsafePointer(v.baseAddress!))
            }
        }
    }

    /// `O_ref·A2` [m × c]: each reference's class distribution summed over its phrases. Worth
    /// precomputing when many images are segmented with one label list and `m·c` floats fit
    /// in memory; pass it to `segmentScores(test:referenceClasses:)`.
    public func referenceClasses(classAffinity a2: Tensor) throws(MethodError) -> Tensor {
        try validate(classAffinity: a2)
        var v = Tensor(uninitialized: [index.segmentCount, a2.shape[1]])
        v.withUnsafeMutableBufferPointer { referenceClassRows(0..<index.segmentCount, a2: a2, into: $0.baseAddress!) }
        return v
    }

    /// `P_seg` [k × c] given precomputed `O_ref·A2` from `referenceClasses(classAffinity:)`.
    public func segmentScores(test: Tensor, referenceClasses v: Tensor) throws(MethodError) -> Tensor {
        guard v.rank == 2, v.shape[0] == index.segmentCount, v.shape[1] > 0 else {
            throw .shapeMismatch(what: "reference classes O_ref·A2", expected: "[\(index.segmentCount), c]", found: v.shape)
        }
        let c = v.shape[1]
        return try scores(test: test, classCount: c) { range, body in
            v.withUnsafeBufferPointer { body($0.baseAddress! + range.lowerBound * c) }
        }
    }

    /// The streaming part of `P_seg`; `classRows(range, body)` hands `body` the `[B × c]` rows
    /// of `O_ref·A2` for a block.
    private func scores(
        test: Tensor, classCount c: Int,
        classRows: (Range<Int>, (UnsafePointer<Float>) -> Void) -> Void
    ) throws(MethodError) -> Tensor {
        try validate(test: test)
        let k = test.shape[0]
        var out = Tensor(zeros: [k, c])
        if k == 0 { return out }
        out.withUnsafeMutableBufferPointer { o in
            let acc = o.baseAddress!
            if let topK = configuration.topK {
                let lists = StreamingTopK(test: test, index: index, configuration: configuration, k: topK).run()
                for (i, list) in lists.enumerated() {
                    for (r, w) in list {
                        classRows(r..<(r + 1)) { v in
                            for j in 0..<c { acc[i * c + j] += w * v[j] }
                        }
                    }
                }
                return
            }
            let sums = StreamingSoftmax(test: test, index: index, configuration: configuration).run { weights, range, rescale in
                if let rescale {
                    for i in 0..<k where rescale[i] != 1 { for j in 0..<c { acc[i * c + j] *= rescale[i] } }
                }
                classRows(range) { v in
                    BLAS.sgemm(transA: false, transB: false, m: k, n: c, k: range.count,
                               a: weights, lda: range.count, b: v, ldb: c, beta: 1, c: acc, ldc: c)
                }
            }
            for i in 0..<k where sums[i] > 0 {
                let inv = 1 / sums[i]
                for j in 0..<c { acc[i * c + j] *= inv }
            }
        }
        return out
    }

    /// Rows `range` of `O_ref·A2` ([B × c]): each reference's class distribution summed over
    /// its phrases, on `configuration.threads` workers.
    private func referenceClassRows(_ range: Range<Int>, a2: Tensor, into v: UnsafeMutablePointer<Float>) {
        let c = a2.shape[1]
        let indptr = index.assignment.indptr, indices = index.assignment.indices
        a2.withUnsafeBufferPointer { ap in
            let source = SharedPointer(base: UnsafeMutablePointer(mutating: ap.baseAddress!))
            let out = SharedPointer(base: v)
            let threads = range.count >= 256 ? configuration.threads : 1
            ParallelChunks.forEach(range.count, minimumChunk: 1, maximumWorkers: threads) { rows in
                for row in rows {
                    let r = range.lowerBound + row
                    let dst = out.base + row * c
                    dst.update(repeating: 0, count: c)
                    for p in Int(indptr[r])..<Int(indptr[r + 1]) {
                        let src = source.base + Int(indices[p]) * c
                        for j in 0..<c { dst[j] += src[j] }
                    }
                }
            }
        }
    }

    /// `A2` must be `[n, c ≥ 1]`, one row per reference phrase.
    private func validate(classAffinity a2: Tensor) throws(MethodError) {
        guard a2.rank == 2, a2.shape[0] == index.phraseCount, a2.shape[1] > 0 else {
            throw .shapeMismatch(what: "class affinity A2", expected: "[\(index.phraseCount), c]", found: a2.shape)
        }
    }

    private func validate(test: Tensor) throws(MethodError) {
        try configuration.validate()
        guard test.rank == 2, test.shape[1] == index.featureDimension else {
            throw .shapeMismatch(what: "test segment features", expected: "[k, \(index.featureDimension)]", found: test.shape)
        }
        guard index.segmentCount > 0 else { throw .emptyReferenceSet }
    }
}
