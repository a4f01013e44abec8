import ReMETensor

/// Mask-average pooling of patch tokens: each segment's mask is resized to the patch grid and
/// used as soft weights over the tokens; `[K, P] · [P, D]` in one BLAS product, rows divided by
/// their weight sum, then L2-normalised.
public enum MaskPooling {
    public enum Resampling: Sendable {
        /// PyTorch `F.interpolate(mask, size: grid, mode: "bilinear", align_corners: false)` on
        /// the float 0/1 mask, no antialiasing: each patch reads the 4 pixels around its centre.
        case bilinear
        /// Fraction of each patch's pixels inside the mask (`adaptive_avg_pool2d` bins).
        case area
    }

    /// Soft weights `[K, gridHeight·gridWidth]`, row-major patches. The grid spans the whole label
    /// map (stretched if the aspect ratios differ). A mask whose bilinear row is all zero — small
    /// masks can fall between patch centres — gets its area row instead, which is non-zero for
    /// every non-empty mask (the patches it overlaps, weighted by overlap).
    public static func patchWeights(_ labels: SegmentLabels, gridWidth: Int, gridHeight: Int,
                                     resampling: Resampling = .bilinear) throws(SegmentationError) -> Tensor {
        guard gridWidth > 0, gridHeight > 0 else {
            throw .invalidParameter(name: "patch grid", value: "\(gridWidth)×\(gridHeight)", expected: "positive sizes")
        }
        guard labels.width > 0, labels.height > 0, labels.count > 0 else {
            throw .emptyImage(width: labels.width, height: labels.height)
        }
        let patches = gridWidth * gridHeight
        var weights = [Float](repeating: 0, count: labels.count * patches)
        switch resampling {
        case .area:
            addArea(labels, gridWidth: gridWidth, gridHeight: gridHeight, into: &weights, only: nil)
        case .bilinear:
            addBilinear(labels, gridWidth: gridWidth, gridHeight: gridHeight, into: &weights)
            var empty = [Bool](repeating: false, count: labels.count)
            var anyEmpty = false
            for k in 0..<labels.count {
                var total: Float = 0
                for p in 0..<patches { total += weights[k * patches + p] }
                if total == 0 { empty[k] = true; anyEmpty = true }
            }
            if anyEmpty {
                addArea(labels, gridWidth: gridWidth, gridHeight: gridHeight, into: &weights, only: empty)
            }
        }
        // Shapes are consistent by construction.
        return (try? Tensor(shape: [labels.count, patches], data: weights)) ?? Tensor(zeros: [labels.count, patches])
    }

    /// Pooled, L2-normalised segment features `[K, D]` from patch tokens `[P, D]` (or `[1, P, D]`)
    /// with `P = gridHeight · gridWidth` in row-major patch order (class/register tokens removed).
    public static func pool(tokens: Tensor, labels: SegmentLabels, gridWidth: Int, gridHeight: Int,
                            resampling: Resampling = .bilinear) throws(SegmentationError) -> Tensor {
        try checkTokens(tokens, gridWidth: gridWidth, gridHeight: gridHeight)
        let weights = try patchWeights(labels, gridWidth: gridWidth, gridHeight: gridHeight, resampling: resampling)
        return try pooled(tokens: tokens, weights: weights, patches: gridWidth * gridHeight, dims: tokens.shape)
    }

    static func checkTokens(_ tokens: Tensor, gridWidth: Int, gridHeight: Int) throws(SegmentationError) {
        let patches = gridWidth * gridHeight
        let dims = tokens.shape
        guard (dims.count == 2 && dims[0] == patches) || (dims.count == 3 && dims[0] == 1 && dims[1] == patches),
              (dims.last ?? 0) > 0 else {
            throw .shapeMismatch(what: "patch tokens", expected: "[\(patches), D] for a \(gridWidth)×\(gridHeight) grid",
                                 found: dims)
        }
    }

    /// Rows of `weights` `[K, P]` normalised to sum 1, times the tokens, L2-normalised.
    static func pooled(tokens: Tensor, weights: Tensor, patches: Int, dims: [Int]) throws(SegmentationError) -> Tensor {
        var weights = weights
        let count = weights.shape[0]
        weights.withUnsafeMutableBufferPointer { w in
            for k in 0..<count {
                let row = w.baseAddress! + k * patches
                var total: Float = 0
                for p in 0..<patches { total += row[p] }
                if total > 0 { for p in 0..<patches { row[p] /= total } }
            }
        }
        do {
            let flat = try tokens.reshaped([patches, dims[dims.count - 1]])
            return try Tensor.matmul(weights, flat).l2NormalizedRows()
        } catch {
            throw .shapeMismatch(what: "patch tokens", expected: "[\(patches), D]", found: dims)
        }
    }

    /// Source taps of PyTorch's bilinear `align_corners=False` for one axis.
    static func bilinearTaps(out: Int, in input: Int) -> [(i0: Int, i1: Int, w0: Float, w1: Float)] {
        let scale = Double(input) / Double(out)
        return (0..<out).map { i in
            let real = max((Double(i) + 0.5) * scale - 0.5, 0)
            let i0 = min(Int(real), input - 1)
            let i1 = i0 < input - 1 ? i0 + 1 : i0
            let l1 = Float(real - Double(i0))
            return (i0, i1, 1 - l1, l1)
        }
    }

    static func addBilinear(_ labels: SegmentLabels, gridWidth: Int, gridHeight: Int,
                                    into weights: inout [Float]) {
        let xs = bilinearTaps(out: gridWidth, in: labels.width)
        let ys = bilinearTaps(out: gridHeight, in: labels.height)
        let patches = gridWidth * gridHeight
        let width = labels.width
        labels.labels.withUnsafeBufferPointer { map in
            weights.withUnsafeMutableBufferPointer { w in
                for (py, ty) in ys.enumerated() {
                    for (px, tx) in xs.enumerated() {
                        let p = py * gridWidth + px
                        let row0 = ty.i0 * width, row1 = ty.i1 * width
                        w[Int(map[row0 + tx.i0]) * patches + p] += ty.w0 * tx.w0
                        w[Int(map[row0 + tx.i1]) * patches + p] += ty.w0 * tx.w1
                        w[Int(map[row1 + tx.i0]) * patches + p] += ty.w1 * tx.w0
                        w[Int(map[row1 + tx.i1]) * patches + p] += ty.w1 * tx.w1
                    }
                }
            }
        }
    }

    /// Adaptive-average-pool bins: rows `⌊i·H/g⌋ ..< ⌈(i+1)·H/g⌉`. `only` limits the segments written.
    static func addArea(_ labels: SegmentLabels, gridWidth: Int, gridHeight: Int,
                                into weights: inout [Float], only: [Bool]?) {
        func bins(_ out: Int, _ input: Int) -> [Range<Int>] {
            (0..<out).map { i in (i * input / out) ..< ((i + 1) * input + out - 1) / out }
        }
        let xBins = bins(gridWidth, labels.width), yBins = bins(gridHeight, labels.height)
        let patches = gridWidth * gridHeight
        let width = labels.width
        labels.labels.withUnsafeBufferPointer { map in
            weights.withUnsafeMutableBufferPointer { w in
                for (py, rows) in yBins.enumerated() {
                    for (px, cols) in xBins.enumerated() {
                        let p = py * gridWidth + px
                        let share = 1 / Float(rows.count * cols.count)
                        for y in rows {
                            for x in cols {
                                let k = Int(map[y * width + x])
                                if let only, !only[k] { continue }
                                w[k * patches + p] += share
                            }
                        }
                    }
                }
            }
        }
    }
}
