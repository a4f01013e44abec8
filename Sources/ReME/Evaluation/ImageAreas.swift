/// One image's contribution to `IoUMetric`: per-class pixel counts. Integers, so summing the
/// images of a split in any order, in one process or across shards, gives the same totals and
/// therefore bit-identical IoUs.
public struct ImageAreas: Codable, Equatable, Sendable {
    public var intersect: [Int64]
    public var union: [Int64]
    public var prediction: [Int64]
    public var label: [Int64]

    public init(intersect: [Int64], union: [Int64], prediction: [Int64], label: [Int64]) {
        self.intersect = intersect
        self.union = union
        self.prediction = prediction
        self.label = label
    }

    /// Whether all four histograms have `classCount` entries.
    public func hasClassCount(_ classCount: Int) -> Bool {
        intersect.count == classCount && union.count == classCount && prediction.count == classCount
            && label.count == classCount
    }
}
