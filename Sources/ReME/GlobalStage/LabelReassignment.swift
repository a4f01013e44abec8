import ReMETensor

/// The label-reassignment plug-in the paper proposes in its limitations (section D): a segment
/// the group filter rejected under one root is often a good member of another root's group
/// (a "dog" segment captioned "cat"). Instead of only discarding it, give it the label of the
/// group it resembles.
///
/// Rule: the centre of every kept group with at least `minimumGroup` members is its
/// element-wise median (as in the group filter); a group accepts a segment whose cosine to its
/// centre is at least the median cosine of its own kept members to it. Each rejected segment goes
/// to the accepting group with the highest cosine, other than the root it was rejected from,
/// paired with that root as a bare phrase ("dog"). Intra-modal only: one GEMM of the
/// rejected segments against the centres.
public struct LabelReassignment: Sendable {
    public var minimumGroup: Int
    public var median: MedianConvention

    public init(minimumGroup: Int = 4, median: MedianConvention = .meanOfMiddles) {
        self.minimumGroup = minimumGroup
        self.median = median
    }

    /// The new pairs (segment, bare root phrase) for the `rejected` pairs; interns the phrases.
    public func apply(rejected: PairTable, kept: PairTable, in base: inout BaseSet) throws(MethodError) -> PairTable {
        guard minimumGroup >= 1 else {
            throw .invalidParameter(name: "reassignment minimum group", value: "\(minimumGroup)", expected: "at least 1")
        }
        let groups = RootGroups(pairs: kept, phraseRoot: base.phraseRoot)
        let eligible = (0..<groups.groupCount).filter { groups.starts[$0 + 1] - groups.starts[$0] >= minimumGroup }
        guard !eligible.isEmpty, rejected.count > 0 else { return PairTable() }
        let d = base.featureDimension

        // Centres (unit length) and each group's acceptance bar.
        let groupCentres = GroupCentres(groups: groups, base: base, median: median, only: eligible)
        let centres = groupCentres.rows
        let bar = eligible.enumerated().map { h, g -> Float in
            let kept = groupCentres.memberCosines(row: h, group: g, base: base).sorted()
            return kept.isEmpty ? 1 : kept[kept.count / 2]
        }

        // Distinct rejected (segment, root) members, and the rejected segments' unit features.
        var seen = Set<UInt64>()
        var members: [(segment: Int32, root: Int32)] = []
        for i in 0..<rejected.count {
            let root = base.phraseRoot[Int(rejected.phrase[i])]
            if seen.insert(RootGroups.key(root: root, segment: rejected.segment[i])).inserted {
                members.append((rejected.segment[i], root))
            }
        }
        var rows = [Float](repeating: 0, count: members.count * d)
        base.features.withUnsafeBufferPointer { f in
            for (i, m) in members.enumerated() {
                let row = f.baseAddress! + Int(m.segment) * d
                let norm = max((0..<d).reduce(Float(0)) { $0 + row[$1] * row[$1] }.squareRoot(), .leastNormalMagnitude)
                for j in 0..<d { rows[i * d + j] = row[j] / norm }
            }
        }
        var cosines = [Float](repeating: 0, count: members.count * eligible.count)
        rows.withUnsafeBufferPointer { a in
            centres.withUnsafeBufferPointer { b in
                cosines.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(transA: false, transB: true, m: members.count, n: eligible.count, k: d,
                               a: a.baseAddress!, lda: d, b: b.baseAddress!, ldb: d, c: c.baseAddress!, ldc: eligible.count)
                }
            }
        }

        var added = PairTable()
        var phraseOfGroup = [Int32?](repeating: nil, count: eligible.count)
        var addedKeys = Set<UInt64>()
        for (i, m) in members.enumerated() {
            var best = -1
            var bestCosine = -Float.infinity
            for h in 0..<eligible.count {
                let c = cosines[i * eligible.count + h]
                guard c >= bar[h], c > bestCosine, groups.root(ofGroup: eligible[h]) != m.root else { continue }
                best = h
                bestCosine = c
            }
            guard best >= 0 else { continue }
            let root = groups.root(ofGroup: eligible[best])
            guard addedKeys.insert(RootGroups.key(root: root, segment: m.segment)).inserted else { continue }
            let phrase = phraseOfGroup[best] ?? {
                let text = base.roots[Int(root)]
                return base.phraseID(RootedPhrase(text: text, root: text))
            }()
            phraseOfGroup[best] = phrase
            added.append(segment: m.segment, phrase: phrase, score: bestCosine)
        }
        return added
    }
}
