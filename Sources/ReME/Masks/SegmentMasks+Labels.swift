import ReMEImage

extension SegmentMasks {
    /// Masks from a segmenter's label map.
    public init(_ labels: SegmentLabels) throws(MethodError) {
        try self.init(width: labels.width, height: labels.height, labels: labels.labels)
    }

    /// The label map behind these masks; overlapping and weight masks have none.
    public func labelMap() throws(MethodError) -> SegmentLabels {
        guard case .labelMap(let ids) = storage else {
            throw .invalidMasks("this encoder needs a label map; flatten overlapping masks first")
        }
        let labels: SegmentLabels
        do { labels = try SegmentLabels(width: width, height: height, renumbering: ids) } catch {
            throw .invalidMasks("\(error)")
        }
        // Encoders return rows in mask-id order, so the ids must already be the segmenter's
        // contiguous raster-order numbering.
        guard labels.count == count, labels.labels == ids else {
            throw .invalidMasks("segment ids must be numbered 0..<K in raster order of first appearance")
        }
        return labels
    }
}
