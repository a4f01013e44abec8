/// How spread a root group's visual features are: `mean_i(1 − cos(S_i, centre))` with the
/// centre the element-wise median, the measure of the group filter's variant (d); and the
/// same measure for random draws of segments, the baseline a group is compared with.
struct GroupSpread {
    var median: MedianConvention
    var threads: Int

    /// The spread of every group of `groups`.
    func spreads(of groups: RootGroups, base: BaseSet) -> [Double] {
        let similarity = GroupFilter(median: median, threads: threads).memberSimilarities(groups: groups, base: base)
        return (0..<groups.groupCount).map { g in
            let members = groups.starts[g]..<groups.starts[g + 1]
            return members.reduce(0.0) { $0 + Double(1 - similarity[$1]) } / Double(members.count)
        }
    }

    /// The spread of random sets of segments of one size: mean and standard deviation over the draws.
    struct RandomSpread {
        var mean: Double
        var standardDeviation: Double
    }

    /// The spread of `draws` random sets of distinct segments for each size in `sizes`,
    /// drawn from the segments of `pairs`. Sizes above `maximumDrawSize` are measured at that
    /// size: past a few hundred members the median and the mean cosine hardly move.
    func randomSpreads(sizes: Set<Int>, draws: Int, pairs groups: RootGroups, base: BaseSet, seed: UInt64,
                       maximumDrawSize: Int = 256) -> [Int: RandomSpread] {
        var population = Array(Set((0..<groups.keys.count).map { groups.segment(at: $0) })).sorted()
        guard !population.isEmpty, !sizes.isEmpty else { return [:] }
        let drawSizes = Array(Set(sizes.map { min($0, maximumDrawSize, population.count) })).sorted()
        // Every (size, draw) is one pseudo-group: its "root" is its index.
        var table = PairTable()
        var rng = SplitMix64(state: seed)
        var drawRoot: [Int32] = []
        for size in drawSizes {
            for _ in 0..<draws {
                let id = Int32(drawRoot.count)
                drawRoot.append(id)
                for i in 0..<size {  // partial Fisher–Yates: the first `size` entries are the draw
                    population.swapAt(i, Int.random(in: i..<population.count, using: &rng))
                    table.append(segment: population[i], phrase: id, score: 0)
                }
            }
        }
        let drawGroups = RootGroups(pairs: table, phraseRoot: drawRoot)
        let spreadPerDraw = spreads(of: drawGroups, base: base)
        var samples: [Int: [Double]] = [:]
        for g in 0..<drawGroups.groupCount {
            samples[drawSizes[Int(drawGroups.root(ofGroup: g)) / draws], default: []].append(spreadPerDraw[g])
        }
        var bySize: [Int: RandomSpread] = [:]
        for (size, values) in samples {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count - 1))
            bySize[size] = RandomSpread(mean: mean, standardDeviation: variance.squareRoot())
        }
        var out: [Int: RandomSpread] = [:]
        for size in sizes { out[size] = bySize[min(size, maximumDrawSize, population.count)] }
        return out
    }
}
