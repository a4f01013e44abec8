import CKernels
import Foundation

extension Tensor {
    /// Softmax over the last axis, computed stably (max subtracted), with an optional
    /// multiplier applied to the logits first (a temperature's inverse).
    public func softmaxLastAxis(scale: Float = 1) -> Tensor {
        var out = self
        out.softmaxLastAxisInPlace(scale: scale)
        return out
    }

    public mutating func softmaxLastAxisInPlace(scale: Float = 1) {
        guard let cols = shape.last, cols > 0 else { return }
        withUnsafeMutableBufferPointer { elements in
            guard let p = elements.baseAddress else { return }
            for r in 0..<(elements.count / cols) { FastMath.softmax(p + r * cols, count: cols, scale: scale) }
        }
    }

    /// Layer normalisation over the last axis: `(x − mean)/√(var + eps)·weight + bias`
    /// with the biased variance, as `torch.nn.LayerNorm`.
    public func layerNorm(weight: Tensor?, bias: Tensor?, epsilon: Float) throws(TensorError) -> Tensor {
        guard let d = shape.last, d > 0 else {
            throw .invalidShape(operation: "layerNorm", shape: shape, expected: "a non-empty last axis")
        }
        if let weight, weight.count != d {
            throw .shapeMismatch(operation: "layerNorm weight", lhs: shape, rhs: weight.shape)
        }
        if let bias, bias.count != d {
            throw .shapeMismatch(operation: "layerNorm bias", lhs: shape, rhs: bias.shape)
        }
        return withUnsafeBufferPointer { px in
            Tensor(uninitialized: shape) { po in
                weight.withOptionalBufferPointer { pw in
                    bias.withOptionalBufferPointer { pb in
                        guard let x = px.baseAddress, let o = po.baseAddress else { return }
                        Self.layerNormRows(x, into: o, width: d, rowCount: px.count / d,
                                           weight: pw?.baseAddress, bias: pb?.baseAddress, epsilon: epsilon)
                    }
                }
            }
        }
    }

    /// Layer normalisation of `rowCount` rows of width `d` from `x` into `o` (which may be `x`),
    /// for kernels that hold raw buffers (split over the cores unless called inside a worker).
    public static func layerNormRows(
        _ x: UnsafePointer<Float>, into o: UnsafeMutablePointer<Float>, width d: Int, rowCount: Int,
        weight w: UnsafePointer<Float>?, bias b: UnsafePointer<Float>?, epsilon: Float
    ) {
        ParallelChunks.forEach(rowCount, minimumChunk: max(1, (1 << 15) / d)) { rows in
            if FastMath.hasAVX2 {
                for r in rows { reme_layer_norm_avx2(x + r * d, o + r * d, d, w, b, epsilon) }
                return
            }
            for r in rows { portableLayerNormRow(x + r * d, into: o + r * d, width: d, weight: w, bias: b, epsilon: epsilon) }
        }
    }

    /// One transformer block's residual, norm and positional step on one row, in one pass:
    /// `row = layerNorm(row + residual [+ residualBias])` in place, then
    /// `positioned = row + positions`.
    public static func residualLayerNormRow(
        _ row: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>, residualBias: UnsafePointer<Float>?, width d: Int,
        weight w: UnsafePointer<Float>?, bias b: UnsafePointer<Float>?, epsilon: Float,
        positions: UnsafePointer<Float>, positioned: UnsafeMutablePointer<Float>
    ) {
        if FastMath.hasAVX2 {
            reme_residual_layer_norm_avx2(row, residual, residualBias, d, w, b, epsilon, positions, positioned)
            return
        }
        for j in 0..<d { row[j] = row[j] + residual[j] + (residualBias?[j] ?? 0) }
        portableLayerNormRow(row, into: row, width: d, weight: w, bias: b, epsilon: epsilon)
        for j in 0..<d { positioned[j] = row[j] + positions[j] }
    }

    /// One row of `layerNormRows` in Swift for any CPU: two-pass in Double for agreement with
    /// PyTorch on rows with large means (the AVX2 kernel computes the same sums eight lanes at
    /// a time).
    public static func portableLayerNormRow(
        _ xr: UnsafePointer<Float>, into orow: UnsafeMutablePointer<Float>, width d: Int,
        weight w: UnsafePointer<Float>?, bias b: UnsafePointer<Float>?, epsilon: Float
    ) {
        var mean = 0.0
        for j in 0..<d { mean += Double(xr[j]) }
        mean /= Double(d)
        var variance = 0.0
        for j in 0..<d { let c = Double(xr[j]) - mean; variance += c * c }
        variance /= Double(d)
        let inv = Float(1 / (variance + Double(epsilon)).squareRoot())
        let mf = Float(mean)
        for j in 0..<d {
            var v = (xr[j] - mf) * inv
            if let w { v *= w[j] }
            if let b { v += b[j] }
            orow[j] = v
        }
    }

    /// Each row (last axis) scaled to unit L2 norm; all-zero rows stay zero.
    public func l2NormalizedRows(epsilon: Float = 1e-12) -> Tensor {
        var out = self
        out.l2NormalizeRowsInPlace(epsilon: epsilon)
        return out
    }

    public mutating func l2NormalizeRowsInPlace(epsilon: Float = 1e-12) {
        guard let d = shape.last, d > 0 else { return }
        withUnsafeMutableBufferPointer { elements in
            guard let p = elements.baseAddress else { return }
            for r in 0..<(elements.count / d) {
                let row = p + r * d
                var s: Double = 0
                for j in 0..<d { s += Double(row[j]) * Double(row[j]) }
                let inv = Float(1 / max(s.squareRoot(), Double(epsilon)))
                for j in 0..<d { row[j] *= inv }
            }
        }
    }
}
