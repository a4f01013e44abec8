import ReMETensor

/// Pixels whose best class score is too low become a background class (docs/specification.md, Part 2 step 4).
public struct BackgroundRule: Sendable, Equatable {
    /// Pixels whose normalised best score is below this become background (FreeDA: 0.4).
    public var threshold: Float
    /// Index of the background class among the labels; its own column is never predicted by
    /// argmax (it is usually a placeholder name such as "background").
    public var classIndex: Int

    public init(threshold: Float = 0.4, classIndex: Int = 0) {
        self.threshold = threshold
        self.classIndex = classIndex
    }

    /// The label that names the background class (compared case-insensitively).
    public static let className = "background"

    /// Index of the first label named "background" (any case), or nil.
    public static func classIndex(in names: [String]) -> Int? {
        names.firstIndex { $0.lowercased() == className }
    }
}

/// docs/specification.md, Part 2 step 3: `P_test(x, y, j) = Σ_i P_seg(i, j)·M(i, x, y)`, prediction = argmax_j.
///
/// The score compared with the background threshold is the pixel's best score divided by
/// the sum of its scores over all classes (so it is a probability for label maps and for
/// overlapping masks alike). Overlapping masks always cover every pixel (`OverlappingMasks`
/// turns uncovered regions into masks of their own); with soft weights, pixels no mask covers
/// get class 0 (or background).
public enum PixelPrediction {
    /// Class id per pixel, row-major.
    public static func predict(segmentScores p: Tensor, masks: SegmentMasks,
                               background: BackgroundRule? = nil) throws(MethodError) -> [Int32] {
        guard p.rank == 2, p.shape[0] == masks.count, p.shape[1] > 0 else {
            throw .shapeMismatch(what: "segment scores", expected: "[\(masks.count), c]", found: p.shape)
        }
        let c = p.shape[1]
        if let background, !(0..<c).contains(background.classIndex) {
            throw .invalidParameter(name: "background class index", value: "\(background.classIndex)", expected: "0..<\(c)")
        }
        switch masks.storage {
        case let .labelMap(labels):
            // Every pixel lies in one segment: decide per segment, then paint.
            let perSegment = p.withUnsafeBufferPointer { sp in
                (0..<masks.count).map { decide(sp.baseAddress! + $0 * c, classes: c, background: background) }
            }
            return labels.map { perSegment[Int($0)] }
        case let .overlapping(overlapping):
            // Eq. 3 per cell: the scores of the masks covering it, summed.
            let perCell = cellScores(p, masks: overlapping).withUnsafeBufferPointer { sp in
                (0..<overlapping.cellCount).map { decide(sp.baseAddress! + $0 * c, classes: c, background: background) }
            }
            return overlapping.cells.labels.map { perCell[Int($0)] }
        case let .weights(w):
            let pixelScores: Tensor
            do { pixelScores = try Tensor.matmul(w, p, transposeA: true) } catch {
                throw .shapeMismatch(what: "mask weights", expected: "[\(masks.count), pixels]", found: w.shape)
            }
            return pixelScores.withUnsafeBufferPointer { sp in
                (0..<masks.pixelCount).map { decide(sp.baseAddress! + $0 * c, classes: c, background: background) }
            }
        }
    }

    @inline(__always)
    static func decide(_ scores: UnsafePointer<Float>, classes c: Int, background: BackgroundRule?) -> Int32 {
        var best = -Float.infinity, bestIndex = 0, total: Float = 0
        for j in 0..<c {
            total += scores[j]
            if j == background?.classIndex { continue }
            if scores[j] > best {
                best = scores[j]
                bestIndex = j
            }
        }
        if let background {
            let normalised = total > 0 ? best / total : 0
            if normalised < background.threshold { return Int32(background.classIndex) }
        }
        return Int32(bestIndex)
    }

    /// `[cellCount, c]`: each cell's `Σ_i P_seg(i, ·)` over the masks covering it.
    static func cellScores(_ p: Tensor, masks: OverlappingMasks) -> [Float] {
        p.withUnsafeBufferPointer { masks.cellRows(fromMaskRows: $0, columns: p.shape[1]) }
    }
}
