import Foundation

/// METHOD Part 1 step 6: inside each root's group, drop the members whose visual feature is
/// least similar to the group's element-wise median.
///
/// A member is a distinct segment of the group; dropping it removes every pair between that
/// segment and a phrase of that root. In a group of `g` members, `⌊rate·g⌋` members with the
/// lowest cosine to the centre are dropped (ties: lower segment id kept first), so groups
/// smaller than `⌈1/rate⌉` lose nothing.
public struct GroupFilter: Sendable {
    public enum Rate: Sendable, Equatable {
        /// The same drop rate `δ_filter` in every group (paper default 0.30).
        case fixed(Double)
        /// Variant (d): `rate_g = maxRate · w_g / max_h w_h` with the group spread
        /// `w_g = mean(1 − cos(S_i, centre_g))`, so the most spread-out group loses `maxRate`
        /// (paper: 0.5) and a perfectly tight group loses nothing.
        case spreadScaled(maxRate: Double)
    }

    public var rate: Rate
    public var median: MedianConvention
    /// Worker threads for the per-group medians.
    public var threads: Int

    public init(rate: Rate = .fixed(0.30), median: MedianConvention = .meanOfMiddles, threads: Int = 2) {
        self.rate = rate
        self.median = median
        self.threads = threads
    }

    public struct Result: Sendable {
        public var pairs: PairTable
        /// Members dropped across all groups.
        public var droppedMembers: Int
    }

    public func apply(to pairs: PairTable, in base: BaseSet) throws(MethodError) -> Result {
        switch rate {
        case let .fixed(r) where !(0...1).contains(r),
             let .spreadScaled(r) where !(0...1).contains(r):
            throw .invalidParameter(name: "group filter rate", value: "\(r)", expected: "a fraction in [0, 1]")
        default: break
        }
        let groups = RootGroups(pairs: pairs, phraseRoot: base.phraseRoot)
        let similarity = memberSimilarities(groups: groups, base: base)

        var groupRates = [Double](repeating: 0, count: groups.groupCount)
        switch rate {
        case let .fixed(r):
            groupRates = groupRates.map { _ in r }
        case let .spreadScaled(maxRate):
            var spreads = [Double](repeating: 0, count: groups.groupCount)
            for g in 0..<groups.groupCount {
                let range = groups.starts[g]..<groups.starts[g + 1]
                spreads[g] = range.reduce(0.0) { $0 + Double(1 - similarity[$1]) } / Double(range.count)
            }
            let maxSpread = spreads.max() ?? 0
            if maxSpread > 0 { groupRates = spreads.map { maxRate * $0 / maxSpread } }
        }

        var dropped = Set<UInt64>()
        for g in 0..<groups.groupCount {
            let range = groups.starts[g]..<groups.starts[g + 1]
            let n = Int((groupRates[g] * Double(range.count)).rounded(.down))
            guard n > 0 else { continue }
            let order = range.sorted { similarity[$0] != similarity[$1] ? similarity[$0] < similarity[$1] : $0 > $1 }
            for i in order.prefix(n) { dropped.insert(groups.keys[i]) }
        }
        let keep = (0..<pairs.count).map { i in
            !dropped.contains(RootGroups.key(root: base.phraseRoot[Int(pairs.phrase[i])], segment: pairs.segment[i]))
        }
        return Result(pairs: pairs.filtered(keeping: keep), droppedMembers: dropped.count)
    }

    /// Cosine of each member (index into `groups.keys`) to its group's element-wise median.
    /// Groups are shared among `threads` workers in contiguous runs of about equal member count.
    func memberSimilarities(groups: RootGroups, base: BaseSet) -> [Float] {
        var similarity = [Float](repeating: 0, count: groups.keys.count)
        let workers = max(1, min(threads, groups.groupCount))
        var cuts = [0]
        for g in 0..<groups.groupCount where cuts.count < workers
            && groups.starts[g] >= groups.keys.count * cuts.count / workers && g > cuts[cuts.count - 1] {
            cuts.append(g)
        }
        cuts.append(groups.groupCount)
        base.features.withUnsafeBufferPointer { f in
            similarity.withUnsafeMutableBufferPointer { sim in
                let features = SharedPointer(base: UnsafeMutablePointer(mutating: f.baseAddress!))
                let out = SharedPointer(base: sim.baseAddress!)
                let runs = cuts
                ParallelRows.run(count: runs.count - 1, threads: workers) { parts in
                    for part in parts {
                        similaritiesOfGroups(runs[part]..<runs[part + 1], groups: groups, features: features.base,
                                             dimension: base.featureDimension, into: out.base)
                    }
                }
            }
        }
        return similarity
    }

    private func similaritiesOfGroups(_ range: Range<Int>, groups: RootGroups, features f: UnsafePointer<Float>,
                                      dimension d: Int, into similarity: UnsafeMutablePointer<Float>) {
        let largest = range.map { groups.starts[$0 + 1] - groups.starts[$0] }.max() ?? 0
        var columns = [Float](repeating: 0, count: largest * d)
        var centre = [Float](repeating: 0, count: d)
        columns.withUnsafeMutableBufferPointer { col in
            centre.withUnsafeMutableBufferPointer { c in
                for g in range {
                    let start = groups.starts[g], size = groups.starts[g + 1] - start
                    // Gather the group dimension-major so each median works on a contiguous run.
                    for a in 0..<size {
                        let row = f + Int(groups.segment(at: start + a)) * d
                        for j in 0..<d { col[j * size + a] = row[j] }
                    }
                    for j in 0..<d {
                        let run = UnsafeMutableBufferPointer(rebasing: col[(j * size)..<(j * size + size)])
                        c[j] = Selection.median(run, convention: median)
                    }
                    var cc: Float = 0
                    for j in 0..<d { cc += c[j] * c[j] }
                    let cn = cc.squareRoot()
                    for a in 0..<size {
                        let row = f + Int(groups.segment(at: start + a)) * d
                        var dot: Float = 0, ss: Float = 0
                        for j in 0..<d {
                            dot += row[j] * c[j]
                            ss += row[j] * row[j]
                        }
                        let denom = cn * ss.squareRoot()
                        similarity[start + a] = denom > 0 ? dot / denom : 0
                    }
                }
            }
        }
    }
}
