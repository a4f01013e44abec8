/// Per-pixel confidence of a prediction, for viewers that show it under the pointer (`reme serve`'s page).
extension SegmentationOutput {
    /// For each pixel, the normalised score of the class painted there on the pixel's segment
    /// (the quantity `classSummary()` averages), in 0…1, row-major; 0 where it is undefined
    /// (unlabelled pixels, or segments not at the image's size).
    public func pixelConfidence() -> [Float] {
        let c = classNames.count
        var out = [Float](repeating: 0, count: classMap.count)
        guard segments.labels.count == classMap.count, c > 0 else { return out }
        var perSegment = [Float](repeating: 0, count: segments.count)
        let assigned = segmentAssignments()
        segmentScores.withUnsafeBufferPointer { p in
            for s in 0..<segments.count {
                let cls = Int(assigned[s])
                guard cls >= 0 && cls < c, (s + 1) * c <= p.count else { continue }
                var total: Float = 0
                for j in 0..<c { total += p[s * c + j] }
                perSegment[s] = total > 0 ? p[s * c + cls] / total : 0
            }
        }
        for (i, s) in segments.labels.enumerated() where classMap[i] >= 0 && Int(s) < perSegment.count {
            out[i] = perSegment[Int(s)]
        }
        return out
    }
}
