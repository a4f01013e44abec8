import ReMETensor

/// Window partition of a square token grid (transformers' `SamVisionLayer.window_partition` and
/// `window_unpartition`): the grid is zero-padded at the bottom and right to a multiple of the
/// window, cut into windows in raster order, and after attention put back and cropped.
enum SAMWindows {
    /// Windows per side for a grid of `side` tokens.
    static func count(side: Int, window: Int) -> Int { (side + window - 1) / window }

    /// `grid` [side², D] → [W², window², D] (padding tokens are zero, as `F.pad`).
    static func partition(_ grid: Tensor, side: Int, window: Int) -> Tensor {
        let width = grid.shape[1], perSide = count(side: side, window: window)
        return grid.withUnsafeBufferPointer { source in
            Tensor(uninitialized: [perSide * perSide, window * window, width]) { windows in
                guard let src = source.baseAddress, let dst = windows.baseAddress else { return }
                for wy in 0..<perSide {
                    for wx in 0..<perSide {
                        let base = dst + (wy * perSide + wx) * window * window * width
                        for y in 0..<window {
                            let gy = wy * window + y
                            let columns = gy < side ? max(0, min(window, side - wx * window)) : 0
                            let row = base + y * window * width
                            if columns > 0 {
                                row.initialize(from: src + (gy * side + wx * window) * width, count: columns * width)
                            }
                            (row + columns * width).initialize(repeating: 0, count: (window - columns) * width)
                        }
                    }
                }
            }
        }
    }

    /// The inverse of `partition`, dropping the padding: [W², window², D] → [side², D].
    static func unpartition(_ windows: Tensor, side: Int, window: Int) -> Tensor {
        let width = windows.shape[2], perSide = count(side: side, window: window)
        return windows.withUnsafeBufferPointer { source in
            Tensor(uninitialized: [side * side, width]) { grid in
                guard let src = source.baseAddress, let dst = grid.baseAddress else { return }
                for gy in 0..<side {
                    let wy = gy / window, y = gy % window
                    for wx in 0..<perSide {
                        let columns = min(window, side - wx * window)
                        let from = src + ((wy * perSide + wx) * window * window + y * window) * width
                        (dst + (gy * side + wx * window) * width).initialize(from: from, count: columns * width)
                    }
                }
            }
        }
    }
}
