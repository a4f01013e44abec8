import ReMETensor

/// The unit-length element-wise-median centre of each root group, the group filter's centre:
/// used where roots are compared visually (synonym agreement, label reassignment).
struct GroupCentres {
    /// Group index → row of `rows` (`count × dimension`), in `RootGroups` order.
    let groups: RootGroups
    let dimension: Int
    let rows: [Float]

    init(groups: RootGroups, base: BaseSet, median: MedianConvention, only selected: [Int]? = nil) {
        let d = base.featureDimension
        let chosen = selected ?? Array(0..<groups.groupCount)
        var rows = [Float](repeating: 0, count: chosen.count * d)
        base.features.withUnsafeBufferPointer { f in
            var scratch = MedianScratch(dimension: d)
            for (i, g) in chosen.enumerated() {
                scratch.centre(of: groups.starts[g]..<groups.starts[g + 1], groups: groups, features: f.baseAddress!,
                               dims: 0..<d, median: median)
                let norm = max(scratch.centre.reduce(0) { $0 + $1 * $1 }.squareRoot(), .leastNormalMagnitude)
                for j in 0..<d { rows[i * d + j] = scratch.centre[j] / norm }
            }
        }
        self.groups = groups
        self.dimension = d
        self.rows = rows
    }

    var count: Int { rows.count / max(1, dimension) }

    func cosine(_ a: Int, _ b: Int) -> Float {
        var dot: Float = 0
        for j in 0..<dimension { dot += rows[a * dimension + j] * rows[b * dimension + j] }
        return dot
    }

    /// Cosine of each member of group `group` to centre row `row` (the centre is unit length).
    func memberCosines(row: Int, group: Int, base: BaseSet) -> [Float] {
        let d = dimension
        return base.features.withUnsafeBufferPointer { f in
            (groups.starts[group]..<groups.starts[group + 1]).map { i -> Float in
                let member = f.baseAddress! + Int(groups.segment(at: i)) * d
                var dot: Float = 0, norm: Float = 0
                for j in 0..<d {
                    dot += member[j] * rows[row * d + j]
                    norm += member[j] * member[j]
                }
                return norm > 0 ? dot / norm.squareRoot() : 0
            }
        }
    }

    /// Whether `b` is among the `k` centres nearest to `a` (cosine, others than `a`) and `a`
    /// among the `k` nearest to `b`.
    func areMutualNeighbours(_ a: Int, _ b: Int, within k: Int) -> Bool {
        func closerThan(_ x: Int, _ y: Int) -> Int {  // centres other than x and y closer to x than y is
            let bar = cosine(x, y)
            var closer = 0
            for z in 0..<count where z != x && z != y && cosine(x, z) > bar { closer += 1 }
            return closer
        }
        return closerThan(a, b) < k && closerThan(b, a) < k
    }
}
