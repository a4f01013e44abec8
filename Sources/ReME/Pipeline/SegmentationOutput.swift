import ReMEImage
import ReMETensor

/// One image labelled for a list of classes.
public struct SegmentationOutput: Sendable {
    public var width: Int
    public var height: Int
    /// Class index per pixel (row-major), in `0..<classNames.count`.
    public var classMap: [Int32]
    /// The regions the decision was made on: the segmenter's label map, or for overlapping
    /// masks their cells (pixels covered by the same masks).
    public var segments: SegmentLabels
    /// [K, c]: each region's score for each class (`P_seg` for a label map; for cells, the sum of
    /// `P_seg` over the masks covering the cell, Eq. 3).
    public var segmentScores: Tensor
    public var classNames: [String]
    public var timings: StageTimings

    /// Per class: the share of the image's pixels and the mean normalised score of the
    /// segments assigned to it (weighted by area).
    public func classSummary() -> [(name: String, share: Double, confidence: Double)] {
        let c = classNames.count
        var pixels = [Int](repeating: 0, count: c)
        var confidence = [Double](repeating: 0, count: c)
        let areas = segments.areas()
        let assigned = segmentAssignments()
        segmentScores.withUnsafeBufferPointer { p in
            for s in 0..<segments.count {
                let cls = Int(assigned[s])
                guard cls >= 0 && cls < c else { continue }
                var total: Float = 0
                for j in 0..<c { total += p[s * c + j] }
                confidence[cls] += Double(total > 0 ? p[s * c + cls] / total : 0) * Double(areas[s])
            }
        }
        for v in classMap where v >= 0 && Int(v) < c { pixels[Int(v)] += 1 }
        let n = Double(max(1, width * height))
        return (0..<c).map { j in
            (classNames[j], Double(pixels[j]) / n, pixels[j] > 0 ? confidence[j] / Double(pixels[j]) : 0)
        }
    }

    /// The class painted on each segment (read off its first pixel).
    func segmentAssignments() -> [Int32] {
        var out = [Int32](repeating: -1, count: segments.count)
        for (i, s) in segments.labels.enumerated() where out[Int(s)] < 0 { out[Int(s)] = classMap[i] }
        return out
    }
}

/// Seconds spent in each stage of one image (for latency breakdowns).
public struct StageTimings: Sendable {
    public var segmenting = 0.0
    public var visualFeatures = 0.0
    public var retrieval = 0.0
    public var painting = 0.0
    public var total: Double { segmenting + visualFeatures + retrieval + painting }
}

extension SegmentationOutput {
    /// The regions and their scores that an output reports for `masks` scored `scores` [count, c].
    static func regions(of masks: SegmentMasks, scores: Tensor) throws(MethodError) -> (SegmentLabels, Tensor) {
        switch masks.storage {
        case .labelMap:
            return (try masks.labelMap(), scores)
        case let .overlapping(overlapping):
            let cellScores = PixelPrediction.cellScores(scores, masks: overlapping)
            do {
                return (overlapping.cells, try Tensor(shape: [overlapping.cellCount, scores.shape[1]], data: cellScores))
            } catch {
                throw .shapeMismatch(what: "cell scores", expected: "[\(overlapping.cellCount), c]", found: scores.shape)
            }
        case .weights:
            throw .invalidMasks("soft mask weights have no regions to report; segment with a label map or binary masks")
        }
    }
}
