import ReMETensor

/// Output of a ViT image tower.
public struct ImageTowerOutput: Sendable {
    /// [B, T, D]: every token (CLS first, then registers if any, then patches in raster order).
    public var lastHiddenState: Tensor
    /// [B, D].
    public var poolerOutput: Tensor
    /// [B, P] projected embedding (CLIP only), not normalised.
    public var imageEmbeds: Tensor?
    /// Patch grid of the input (rows, columns).
    public var gridRows: Int
    public var gridColumns: Int

    /// Public so that towers outside this module (registered with `ImageTowerRegistry`) can make one.
    public init(lastHiddenState: Tensor, poolerOutput: Tensor, imageEmbeds: Tensor?, gridRows: Int, gridColumns: Int) {
        self.lastHiddenState = lastHiddenState
        self.poolerOutput = poolerOutput
        self.imageEmbeds = imageEmbeds
        self.gridRows = gridRows
        self.gridColumns = gridColumns
    }
}

enum TokenAssembly {
    /// [B, 1+R+N, D] = [cls + pos₀, registers…, patchᵢ + posᵢ] (registers carry no position).
    static func assemble(patches: Tensor, classToken: Tensor, positions: Tensor,
                         registers: Tensor? = nil) -> Tensor {
        let batch = patches.shape[0], n = patches.shape[1], d = patches.shape[2]
        let r = registers?.shape[0] ?? 0
        let tokens = 1 + r + n
        return patches.withUnsafeBufferPointer { patchValues in
            classToken.withUnsafeBufferPointer { classValues in
                positions.withUnsafeBufferPointer { positionValues in
                    Tensor(uninitialized: [batch, tokens, d]) { out in
                        guard let o = out.baseAddress, let p = patchValues.baseAddress,
                              let cls = classValues.baseAddress, let pos = positionValues.baseAddress else { return }
                        for b in 0..<batch {
                            let base = o + b * tokens * d
                            for j in 0..<d { base[j] = cls[j] + pos[j] }
                            for i in 0..<n {
                                let dst = base + (1 + r + i) * d, src = p + (b * n + i) * d, pe = pos + (1 + i) * d
                                for j in 0..<d { dst[j] = src[j] + pe[j] }
                            }
                        }
                        registers?.withUnsafeBufferPointer { registerValues in
                            guard let reg = registerValues.baseAddress else { return }
                            for b in 0..<batch { (o + (b * tokens + 1) * d).initialize(from: reg, count: r * d) }
                        }
                    }
                }
            }
        }
    }

    /// Row 0 of every batch element: [B, T, D] → [B, D].
    static func firstToken(_ x: Tensor) -> Tensor {
        let batch = x.shape[0], t = x.shape[1], d = x.shape[2]
        return x.withUnsafeBufferPointer { tokens in
            Tensor(uninitialized: [batch, d]) { out in
                guard let src = tokens.baseAddress, let dst = out.baseAddress else { return }
                for b in 0..<batch { (dst + b * d).initialize(from: src + b * t * d, count: d) }
            }
        }
    }

    /// Position embeddings [1+S², D] for a patch grid: unchanged when the grid is the checkpoint's
    /// square one, otherwise the patch part resampled (see `PositionEmbeddingResampler`).
    static func positions(_ table: Tensor, rows: Int, columns: Int, antialias: Bool) throws(ModelError) -> Tensor {
        let stored = table.shape[0] - 1
        let side = Int(Double(stored).squareRoot().rounded())
        guard side * side == stored else {
            throw .invalidInput("position embeddings hold \(stored) patch positions, not a square grid")
        }
        if rows == side, columns == side { return table }
        let patchPart = table.rows(1..<(stored + 1))
        let resampled = PositionEmbeddingResampler.resample(patchPart, side: side, rows: rows,
                                                            columns: columns, antialias: antialias)
        return try tensorOp { () throws(TensorError) in try Tensor.concatenate([table.rows(0..<1), resampled]) }
    }
}
