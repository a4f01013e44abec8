import ReMETensor

extension ImageTower {
    /// Runs `pixels` [B, C, H, W] in chunks of `batchSize` images (bounding peak memory) and
    /// concatenates the outputs.
    public func encode(_ pixels: Tensor, batchSize: Int = 8) throws(ModelError) -> ImageTowerOutput {
        guard pixels.rank == 4, pixels.shape[0] > 0 else {
            throw .invalidInput("pixel_values has shape \(pixels.shape), expected [B, 3, H, W] with B ≥ 1")
        }
        let total = pixels.shape[0], step = max(1, batchSize)
        if total <= step { return try self(pixels) }
        var parts = [ImageTowerOutput]()
        for start in stride(from: 0, to: total, by: step) {
            parts.append(try self(pixels.rows(start..<min(total, start + step))))
        }
        func joined(_ pick: (ImageTowerOutput) -> Tensor) throws(ModelError) -> Tensor {
            let tensors = parts.map(pick)
            return try tensorOp { () throws(TensorError) in try Tensor.concatenate(tensors) }
        }
        let embeds: Tensor? = parts[0].imageEmbeds == nil ? nil : try joined { $0.imageEmbeds ?? Tensor(zeros: [0]) }
        return ImageTowerOutput(lastHiddenState: try joined(\.lastHiddenState), poolerOutput: try joined(\.poolerOutput),
                                imageEmbeds: embeds, gridRows: parts[0].gridRows, gridColumns: parts[0].gridColumns)
    }
}
