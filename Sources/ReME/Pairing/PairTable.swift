/// Segment–phrase pairs as parallel arrays (indices into a `BaseSet`'s segment and phrase tables).
public struct PairTable: Sendable, Equatable {
    public var segment: [Int32] = []
    public var phrase: [Int32] = []
    /// Cross-modal similarity of the initial pairing (0 for pairs added by enhancement).
    public var score: [Float] = []

    public init() {}

    public var count: Int { segment.count }

    public mutating func append(segment s: Int32, phrase p: Int32, score c: Float) {
        segment.append(s)
        phrase.append(p)
        score.append(c)
    }

    /// The pairs whose flag is true, in order.
    public func filtered(keeping keep: [Bool]) -> PairTable {
        precondition(keep.count == count)
        var out = PairTable()
        let n = keep.reduce(0) { $0 + ($1 ? 1 : 0) }
        out.segment.reserveCapacity(n)
        out.phrase.reserveCapacity(n)
        out.score.reserveCapacity(n)
        for i in 0..<count where keep[i] { out.append(segment: segment[i], phrase: phrase[i], score: score[i]) }
        return out
    }
}
