import ReMETensor

/// A stride-P, kernel-P convolution over [B, C, H, W] pixels, computed as one GEMM on the
/// unfolded patches. Output: [B, (H/P)·(W/P), D], patches in raster order.
struct PatchEmbedding: Sendable {
    /// The convolution kernel flattened to [D, C·P·P] (channel, row, column order).
    var projection: LinearLayer
    var patchSize: Int
    var channels: Int

    init(_ w: WeightLoader, _ prefix: String, channels: Int, width: Int, patchSize: Int,
         bias: Bool) throws(ModelError) {
        let kernel = try w.take("\(prefix).weight", shape: [width, channels, patchSize, patchSize])
        let flat = try tensorOp { () throws(TensorError) in
            try kernel.reshaped([width, channels * patchSize * patchSize])
        }
        projection = LinearLayer(weight: flat, bias: bias ? try w.take("\(prefix).bias", shape: [width]) : nil)
        self.patchSize = patchSize
        self.channels = channels
    }

    /// The patch grid (rows, columns) for pixels of the given size, or an error naming the size.
    func grid(height: Int, width: Int) throws(ModelError) -> (rows: Int, columns: Int) {
        guard height % patchSize == 0, width % patchSize == 0, height > 0, width > 0 else {
            throw .imageSizeNotMultipleOfPatch(height: height, width: width, patch: patchSize)
        }
        return (height / patchSize, width / patchSize)
    }

    func callAsFunction(_ pixels: Tensor) throws(ModelError) -> Tensor {
        guard pixels.rank == 4, pixels.shape[1] == channels else {
            throw .invalidInput("pixel_values has shape \(pixels.shape), expected [B, \(channels), H, W]")
        }
        let batch = pixels.shape[0], height = pixels.shape[2], width = pixels.shape[3]
        let (rows, columns) = try grid(height: height, width: width)
        let p = patchSize, patchLength = channels * p * p
        let unfolded = pixels.withUnsafeBufferPointer { pixelValues in
            Tensor(uninitialized: [batch, rows * columns, patchLength]) { patches in
                guard let src = pixelValues.baseAddress, let dst = patches.baseAddress else { return }
                for b in 0..<batch {
                    for gy in 0..<rows {
                        for gx in 0..<columns {
                            var out = dst + ((b * rows + gy) * columns + gx) * patchLength
                            for c in 0..<channels {
                                let plane = src + (b * channels + c) * height * width
                                for ky in 0..<p {
                                    out.initialize(from: plane + (gy * p + ky) * width + gx * p, count: p)
                                    out += p
                                }
                            }
                        }
                    }
                }
            }
        }
        return try projection(unfolded)
    }
}
