import Foundation

/// The crops and point grids of SAM's automatic mask generator (transformers'
/// `_generate_per_layer_crops` and `_build_point_grid`).
public enum SAMCropGrid {
    /// One crop: `[x0, y0, x1, y1]` in the image (x1, y1 exclusive) and its layer.
    public struct Crop: Sendable, Equatable {
        public var box: [Int]
        public var layer: Int
        public var width: Int { box[2] - box[0] }
        public var height: Int { box[3] - box[1] }
    }

    /// The whole image, then for layer i ≥ 1 a (2^i)² grid of overlapping crops (row-major over
    /// x then y, as `itertools.product(x0s, y0s)`).
    public static func crops(width: Int, height: Int, layers: Int, overlapRatio: Double) -> [Crop] {
        var crops = [Crop(box: [0, 0, width, height], layer: 0)]
        let shortSide = min(width, height)
        guard layers > 0 else { return crops }
        for layer in 0..<layers {
            let perSide = 1 << (layer + 1)
            let overlap = Int(overlapRatio * Double(shortSide) * (2.0 / Double(perSide)))
            let cropWidth = Int((Double(overlap * (perSide - 1) + width) / Double(perSide)).rounded(.up))
            let cropHeight = Int((Double(overlap * (perSide - 1) + height) / Double(perSide)).rounded(.up))
            let x0s = (0..<perSide).map { (cropWidth - overlap) * $0 }
            let y0s = (0..<perSide).map { (cropHeight - overlap) * $0 }
            for left in x0s {
                for top in y0s {
                    crops.append(Crop(box: [left, top, min(left + cropWidth, width), min(top + cropHeight, height)],
                                      layer: layer + 1))
                }
            }
        }
        return crops
    }

    /// Points per side in layer `layer`: `int(pointsPerSide / factor^layer)`.
    public static func pointsPerSide(_ pointsPerSide: Int, layer: Int, downscaleFactor: Int) -> Int {
        Int(Double(pointsPerSide) / pow(Double(downscaleFactor), Double(layer)))
    }

    /// `n × n` points in [0, 1]², x fastest: float32 `torch.linspace(1/(2n), 1 − 1/(2n), n)`
    /// (computed from both ends, as PyTorch does).
    public static func unitGrid(_ n: Int) -> [SIMD2<Float>] {
        guard n > 0 else { return [] }
        let offset = Float(1.0 / (2.0 * Double(n)))
        let start = offset, end = Float(1) - offset
        var side = [Float](repeating: start, count: n)
        if n > 1 {
            let step = (end - start) / Float(n - 1)
            let halfway = n / 2
            for i in 0..<n { side[i] = i < halfway ? start + step * Float(i) : end - step * Float(n - i - 1) }
        }
        var points: [SIMD2<Float>] = []
        points.reserveCapacity(n * n)
        for y in side { for x in side { points.append(SIMD2(x, y)) } }
        return points
    }
}
