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

    public init(rate: Rate = .fixed(0.30), median: MedianConvention = .meanOfMiddles) {
        self.rate = rate
        self.median = median
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
    func memberSimilarities(groups: RootGroups, base: BaseSet) -> [Float] {
        let d = base.featureDimension
        var similarity = [Float](repeating: 0, count: groups.keys.count)
        let largest = (0..<groups.groupCount).map { groups.starts[$0 + 1] - groups.starts[$0] }.max() ?? 0
        var columns = [Float](repeating: 0, count: largest * d)
        var centre = [Float](repeating: 0, count: d)
        base.features.withUnsafeBufferPointer { f in
            columns.withUnsafeMutableBufferPointer { col in
                centre.withUnsafeMutableBufferPointer { c in
                    for g in 0..<groups.groupCount {
                        let start = groups.starts[g], size = groups.starts[g + 1] - start
                        // Gather the group dimension-major so each median works on a contiguous run.
                        for a in 0..<size {
                            let row = f.baseAddress! + Int(groups.segment(at: start + a)) * d
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
                            let row = f.baseAddress! + Int(groups.segment(at: start + a)) * d
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
        return similarity
    }
}
