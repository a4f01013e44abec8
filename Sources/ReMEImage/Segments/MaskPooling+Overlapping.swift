import ReMETensor

extension MaskPooling {
    /// Soft weights `[maskCount, gridHeight·gridWidth]` of overlapping masks: each mask's row is
    /// the sum of its cells' rows — exactly the weights of the mask itself, since both resamplings
    /// are linear in the mask. A mask whose bilinear row is all zero gets its area row, as in
    /// `patchWeights(_:gridWidth:gridHeight:resampling:)`.
    public static func patchWeights(_ masks: OverlappingMasks, gridWidth: Int, gridHeight: Int,
                                     resampling: Resampling = .bilinear) throws(SegmentationError) -> Tensor {
        guard gridWidth > 0, gridHeight > 0 else {
            throw .invalidParameter(name: "patch grid", value: "\(gridWidth)×\(gridHeight)", expected: "positive sizes")
        }
        let patches = gridWidth * gridHeight
        var cellWeights = [Float](repeating: 0, count: masks.cellCount * patches)
        switch resampling {
        case .area: addArea(masks.cells, gridWidth: gridWidth, gridHeight: gridHeight, into: &cellWeights, only: nil)
        case .bilinear: addBilinear(masks.cells, gridWidth: gridWidth, gridHeight: gridHeight, into: &cellWeights)
        }
        var weights = cellWeights.withUnsafeBufferPointer { masks.maskRows(fromCellRows: $0, columns: patches) }
        if resampling == .bilinear {
            let empty = (0..<masks.maskCount).filter { k in
                !weights[(k * patches)..<((k + 1) * patches)].contains { $0 != 0 }
            }
            if !empty.isEmpty {
                var cellAreas = [Float](repeating: 0, count: masks.cellCount * patches)
                var needed = [Bool](repeating: false, count: masks.cellCount)
                for k in empty { for c in masks.maskCells[k] { needed[Int(c)] = true } }
                addArea(masks.cells, gridWidth: gridWidth, gridHeight: gridHeight, into: &cellAreas, only: needed)
                for k in empty {
                    for c in masks.maskCells[k] {
                        for p in 0..<patches { weights[k * patches + p] += cellAreas[Int(c) * patches + p] }
                    }
                }
            }
        }
        // Shapes are consistent by construction.
        return (try? Tensor(shape: [masks.maskCount, patches], data: weights)) ?? Tensor(zeros: [masks.maskCount, patches])
    }

    /// Pooled, L2-normalised features `[maskCount, D]` of overlapping masks (see
    /// `pool(tokens:labels:gridWidth:gridHeight:resampling:)`).
    public static func pool(tokens: Tensor, masks: OverlappingMasks, gridWidth: Int, gridHeight: Int,
                            resampling: Resampling = .bilinear) throws(SegmentationError) -> Tensor {
        try checkTokens(tokens, gridWidth: gridWidth, gridHeight: gridHeight)
        let weights = try patchWeights(masks, gridWidth: gridWidth, gridHeight: gridHeight, resampling: resampling)
        return try pooled(tokens: tokens, weights: weights, patches: gridWidth * gridHeight, dims: tokens.shape)
    }
}
