/// Pairs grouped by root: each group lists the distinct segments paired with a phrase of
/// that root (a segment chosen by two phrases of one root is one member).
struct RootGroups: Sendable {
    /// Sorted unique `(root << 32 | segment)` keys; a group is a contiguous run.
    let keys: [UInt64]
    /// Start offsets of the runs in `keys`, plus `keys.count` at the end.
    let starts: [Int]

    init(pairs: PairTable, phraseRoot: [Int32]) {
        var keys = [UInt64](repeating: 0, count: pairs.count)
        for i in 0..<pairs.count {
            keys[i] = Self.key(root: phraseRoot[Int(pairs.phrase[i])], segment: pairs.segment[i])
        }
        keys.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(keys.count)
        var starts: [Int] = []
        for key in keys where unique.last != key {
            if unique.isEmpty || (unique[unique.count - 1] >> 32) != (key >> 32) { starts.append(unique.count) }
            unique.append(key)
        }
        starts.append(unique.count)
        self.keys = unique
        self.starts = starts
    }

    var groupCount: Int { starts.count - 1 }

    func root(ofGroup g: Int) -> Int32 { Int32(truncatingIfNeeded: keys[starts[g]] >> 32) }
    func segment(at i: Int) -> Int32 { Int32(truncatingIfNeeded: keys[i] & 0xFFFF_FFFF) }

    static func key(root: Int32, segment: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: root)) << 32 | UInt64(UInt32(bitPattern: segment))
    }
}
