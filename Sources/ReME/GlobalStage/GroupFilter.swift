import Foundation

/// docs/specification.md, Part 1 step 6: inside each root's group, drop the members whose visual feature is
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

    /// How `rate·g` becomes a member count: `.down` (the paper's ⌊rate·g⌋, groups of 1–3 lose
    /// nothing at 30 %) or `.nearest` (a group of 2 loses one at 30 %). Measured in docs/method.md.
    public enum Rounding: Sendable, Equatable { case down, nearest }

    public var rate: Rate
    public var rounding: Rounding
    public var median: MedianConvention
    /// Worker threads for the per-group medians.
    public var threads: Int

    public init(rate: Rate = .fixed(0.30), rounding: Rounding = .down, median: MedianConvention = .meanOfMiddles,
                threads: Int = 2) {
        self.rate = rate
        self.rounding = rounding
        self.median = median
        self.threads = threads
    }

    public struct Result: Sendable {
        public var pairs: PairTable
        /// The pairs removed, in order.
        public var rejected: PairTable
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
        if pairs.count == 0 { return Result(pairs: pairs, rejected: PairTable(), droppedMembers: 0) }
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
            let n = Int((groupRates[g] * Double(range.count)).rounded(rounding == .down ? .down : .toNearestOrAwayFromZero))
            guard n > 0 else { continue }
            let order = range.sorted { similarity[$0] != similarity[$1] ? similarity[$0] < similarity[$1] : $0 > $1 }
            for i in order.prefix(n) { dropped.insert(groups.keys[i]) }
        }
        let keep = (0..<pairs.count).map { i in
            !dropped.contains(RootGroups.key(root: base.phraseRoot[Int(pairs.phrase[i])], segment: pairs.segment[i]))
        }
        return Result(pairs: pairs.filtered(keeping: keep), rejected: pairs.filtered(keeping: keep.map { !$0 }),
                      droppedMembers: dropped.count)
    }

    /// Cosine of each member (index into `groups.keys`) to its group's element-wise median.
    ///
    /// Groups of at least `largeGroup` members are done one at a time with the dimensions
    /// (for the median) and the members (for the cosines) shared among `threads` workers;
    /// smaller groups are shared among the workers in runs of about equal member count.
    func memberSimilarities(groups: RootGroups, base: BaseSet) -> [Float] {
        let largeGroup = 512
        var similarity = [Float](repeating: 0, count: groups.keys.count)
        let d = base.featureDimension
        let workers = max(1, threads)
        let sizes = (0..<groups.groupCount).map { groups.starts[$0 + 1] - groups.starts[$0] }
        let small = (0..<groups.groupCount).filter { sizes[$0] < largeGroup }
        let large = (0..<groups.groupCount).filter { sizes[$0] >= largeGroup }
        base.features.withUnsafeBufferPointer { f in
            similarity.withUnsafeMutableBufferPointer { sim in
                let features = SharedPointer(base: UnsafeMutablePointer(mutating: f.baseAddress!))
                let out = SharedPointer(base: sim.baseAddress!)
                // Small groups: contiguous runs of groups per worker.
                let smallMembers = small.reduce(0) { $0 + sizes[$1] }
                var cuts = [0], seen = 0
                for (i, g) in small.enumerated() {
                    if cuts.count < workers, seen >= smallMembers * cuts.count / workers, i > cuts[cuts.count - 1] { cuts.append(i) }
                    seen += sizes[g]
                }
                cuts.append(small.count)
                let runs = cuts
                ParallelChunks.forEach(runs.count - 1, minimumChunk: 1, maximumWorkers: workers) { parts in
                    var scratch = MedianScratch(dimension: d)
                    for part in parts {
                        for g in small[runs[part]..<runs[part + 1]] {
                            let members = groups.starts[g]..<groups.starts[g + 1]
                            scratch.centre(of: members, groups: groups, features: features.base, dims: 0..<d, median: median)
                            scratch.cosines(members, groups: groups, features: features.base, into: out.base)
                        }
                    }
                }
                // Large groups: one at a time, work split inside the group.
                var centre = [Float](repeating: 0, count: d)
                for g in large {
                    let members = groups.starts[g]..<groups.starts[g + 1]
                    centre.withUnsafeMutableBufferPointer { cp in
                        let c = SharedPointer(base: cp.baseAddress!)
                        let chunks = (d + MedianScratch.chunk - 1) / MedianScratch.chunk
                        ParallelChunks.forEach(chunks, minimumChunk: 1, maximumWorkers: workers) { chunkRange in
                            var scratch = MedianScratch(dimension: d)
                            let dims = (chunkRange.lowerBound * MedianScratch.chunk)..<min(d, chunkRange.upperBound * MedianScratch.chunk)
                            scratch.centre(of: members, groups: groups, features: features.base, dims: dims, median: median)
                            for j in dims { c.base[j] = scratch.centre[j] }
                        }
                        ParallelChunks.forEach(members.count, minimumChunk: 1, maximumWorkers: workers) { part in
                            var scratch = MedianScratch(dimension: d)
                            for j in 0..<d { scratch.centre[j] = c.base[j] }
                            scratch.cosines((members.lowerBound + part.lowerBound)..<(members.lowerBound + part.upperBound),
                                            groups: groups, features: features.base, into: out.base)
                        }
                    }
                }
            }
        }
        return similarity
    }
}

/// Per-worker buffers for group medians.
struct MedianScratch {
    /// Dimensions gathered at once. Each member row is read in 1 KB pieces (few cache misses
    /// per row) and written into `chunk` column streams; 256 measured fastest against 32,
    /// 128 and 1024 (all columns at once). Scratch: `chunk · group size` floats per worker.
    static let chunk = 256
    let dimension: Int
    var columns: [Float] = []
    var centre: [Float]

    init(dimension: Int) {
        self.dimension = dimension
        centre = [Float](repeating: 0, count: dimension)
    }

    /// `centre[dims]` = element-wise median of the members' features over `dims`.
    mutating func centre(of members: Range<Int>, groups: RootGroups, features f: UnsafePointer<Float>,
                         dims: Range<Int>, median: MedianConvention) {
        let size = members.count, d = dimension
        if columns.count < size * Self.chunk { columns = [Float](repeating: 0, count: size * Self.chunk) }
        var j0 = dims.lowerBound
        while j0 < dims.upperBound {
            let width = min(Self.chunk, dims.upperBound - j0)
            columns.withUnsafeMutableBufferPointer { col in
                for a in 0..<size {
                    let row = f + Int(groups.segment(at: members.lowerBound + a)) * d + j0
                    for j in 0..<width { col[j * size + a] = row[j] }
                }
                for j in 0..<width {
                    let run = UnsafeMutableBufferPointer(rebasing: col[(j * size)..<(j * size + size)])
                    centre[j0 + j] = Selection.median(run, convention: median)
                }
            }
            j0 += width
        }
    }

    /// Cosine of each member's feature to `centre`, written at the member's index.
    func cosines(_ members: Range<Int>, groups: RootGroups, features f: UnsafePointer<Float>,
                 into similarity: UnsafeMutablePointer<Float>) {
        let d = dimension
        centre.withUnsafeBufferPointer { c in
            var cc: Float = 0
            for j in 0..<d { cc += c[j] * c[j] }
            let cn = cc.squareRoot()
            for i in members {
                let row = f + Int(groups.segment(at: i)) * d
                var dot: Float = 0, ss: Float = 0
                for j in 0..<d {
                    dot += row[j] * c[j]
                    ss += row[j] * row[j]
                }
                let denom = cn * ss.squareRoot()
                similarity[i] = denom > 0 ? dot / denom : 0
            }
        }
    }
}
