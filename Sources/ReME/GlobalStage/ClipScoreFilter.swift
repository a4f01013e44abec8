/// The cross-modal baseline of the paper's Table 3: inside each root's group, drop the pairs
/// with the lowest initial-pairing similarity (CLIP score) at a fixed rate.
///
/// Uses the same rounding as `GroupFilter` (`⌊rate·g⌋` of the group's `g` pairs).
public struct ClipScoreFilter: Sendable {
    public var rate: Double

    public init(rate: Double = 0.30) { self.rate = rate }

    public func apply(to pairs: PairTable, in base: BaseSet) throws(MethodError) -> PairTable {
        guard (0...1).contains(rate) else {
            throw .invalidParameter(name: "CLIP-score filter rate", value: "\(rate)", expected: "a fraction in [0, 1]")
        }
        var byRoot: [Int32: [Int]] = [:]
        for i in 0..<pairs.count { byRoot[base.phraseRoot[Int(pairs.phrase[i])], default: []].append(i) }
        var keep = [Bool](repeating: true, count: pairs.count)
        for (_, members) in byRoot {
            let n = Int((rate * Double(members.count)).rounded(.down))
            guard n > 0 else { continue }
            let order = members.sorted { pairs.score[$0] != pairs.score[$1] ? pairs.score[$0] < pairs.score[$1] : $0 > $1 }
            for i in order.prefix(n) { keep[i] = false }
        }
        return pairs.filtered(keeping: keep)
    }
}
