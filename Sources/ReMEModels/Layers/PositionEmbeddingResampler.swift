import ReMETensor

/// Resizes a square grid of position embeddings to another patch grid, as
/// `torch.nn.functional.interpolate(mode="bicubic", align_corners=False, size=…)` does
/// (transformers 5.24 passes `size=`, not the older `scale_factor` with its +0.1 offset).
enum PositionEmbeddingResampler {
    /// `grid` is [S·S, D] (row-major patch positions); the result is [rows·columns, D].
    /// - Parameter antialias: PyTorch's antialiased bicubic (Keys a = −0.5, support widened
    ///   when shrinking, taps outside the grid dropped and weights renormalised), used by
    ///   Dinov2WithRegisters; otherwise the plain bicubic (a = −0.75, border taps clamped),
    ///   used by Dinov2 and CLIP.
    static func resample(_ grid: Tensor, side: Int, rows: Int, columns: Int,
                         antialias: Bool) -> Tensor {
        let d = grid.shape[1]
        let wy = weights(input: side, output: rows, antialias: antialias)
        let wx = weights(input: side, output: columns, antialias: antialias)
        // Along columns: for each source row r, [columns × side] · [side × D].
        let across = wx.withUnsafeBufferPointer { w in
            grid.withUnsafeBufferPointer { g in
                Tensor(uninitialized: [side, columns, d]) { a in
                    guard let wp = w.baseAddress, let gp = g.baseAddress, let ap = a.baseAddress else { return }
                    for r in 0..<side {
                        BLAS.sgemm(transA: false, transB: false, m: columns, n: d, k: side,
                                   a: wp, lda: side, b: gp + r * side * d, ldb: d,
                                   c: ap + r * columns * d, ldc: d)
                    }
                }
            }
        }
        // Along rows: [rows × side] · [side × (columns·D)].
        return wy.withUnsafeBufferPointer { w in
            across.withUnsafeBufferPointer { a in
                Tensor(uninitialized: [rows * columns, d]) { o in
                    guard let wp = w.baseAddress, let ap = a.baseAddress, let op = o.baseAddress else { return }
                    BLAS.sgemm(transA: false, transB: false, m: rows, n: columns * d, k: side,
                               a: wp, lda: side, b: ap, ldb: columns * d,
                               c: op, ldc: columns * d)
                }
            }
        }
    }

    /// The [output × input] interpolation matrix for one axis.
    static func weights(input: Int, output: Int, antialias: Bool) -> [Float] {
        var m = [Float](repeating: 0, count: output * input)
        let scale = Double(input) / Double(output)
        for i in 0..<output {
            if antialias {
                let support = scale >= 1 ? 2 * scale : 2
                let invScale = scale >= 1 ? 1 / scale : 1
                let center = scale * (Double(i) + 0.5)
                // Truncation toward zero, as PyTorch's int64_t conversion.
                let lo = max(Int(center - support + 0.5), 0)
                let hi = min(Int(center + support + 0.5), input)
                var taps = [Double]()
                var total = 0.0
                for j in lo..<max(hi, lo) {
                    let w = keys(((Double(j) - center + 0.5) * invScale), a: -0.5)
                    taps.append(w)
                    total += w
                }
                for (t, w) in taps.enumerated() where total != 0 {
                    m[i * input + lo + t] = Float(w / total)
                }
            } else {
                let src = scale * (Double(i) + 0.5) - 0.5
                let base = Int(src.rounded(.down))
                let t = src - Double(base)
                let taps = [keys(t + 1, a: -0.75), keys(t, a: -0.75), keys(1 - t, a: -0.75), keys(2 - t, a: -0.75)]
                for (k, w) in taps.enumerated() {
                    let j = min(max(base - 1 + k, 0), input - 1)
                    m[i * input + j] += Float(w)
                }
            }
        }
        return m
    }

    /// Keys' cubic convolution kernel with parameter `a`.
    private static func keys(_ x: Double, a: Double) -> Double {
        let x = abs(x)
        if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
        if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return 0
    }
}
