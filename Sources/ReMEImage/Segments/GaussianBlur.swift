import Foundation

/// Separable Gaussian blur on Float64 planes with the semantics of
/// `scipy.ndimage.gaussian_filter(truncate: 4.0, mode: "reflect")`:
/// radius `Int(4·σ + 0.5)`, weights `exp(−x²/(2σ²))` normalised to sum 1, half-sample
/// symmetric padding (`d c b a | a b c d | d c b a`), rows (axis 0) filtered before columns.
/// The arithmetic order follows SciPy's symmetric-kernel loop so results match to the last bit
/// in almost all pixels, which keeps Felzenszwalb's edge order identical to scikit-image's.
enum GaussianBlur {
    static func kernel(sigma: Double, truncate: Double = 4.0) -> [Double] {
        let radius = Int(truncate * sigma + 0.5)
        let factor = -0.5 / (sigma * sigma)
        var weights = (-radius...radius).map { offset -> Double in
            let x = Double(offset)
            return exp(factor * (x * x))
        }
        let total = numpyPairwiseSum(weights)
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// NumPy's pairwise summation for up to 128 elements (8 partial sums), so the kernel
    /// normalisation rounds exactly as `phi_x / phi_x.sum()` does.
    static func numpyPairwiseSum(_ values: [Double]) -> Double {
        let n = values.count
        if n < 8 {
            var sum = -0.0
            for v in values { sum += v }
            return sum
        }
        var r = Array(values[0..<8])
        var i = 8
        while i + 8 <= n {
            for j in 0..<8 { r[j] += values[i + j] }
            i += 8
        }
        var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n { sum += values[i]; i += 1 }
        return sum
    }

    /// Blurs `planes` (channel-major, each `height × width`) in place.
    static func blur(planes: inout [Double], channels: Int, width: Int, height: Int, sigma: Double) {
        guard sigma > 1e-15, width > 0, height > 0 else { return }
        let weights = kernel(sigma: sigma)
        let radius = weights.count / 2
        let planeSize = width * height
        planes.withUnsafeMutableBufferPointer { all in
            weights.withUnsafeBufferPointer { w in
                let center = w.baseAddress! + radius
                var line = [Double](repeating: 0, count: max(width, height) + 2 * radius)
                line.withUnsafeMutableBufferPointer { lineBuffer in
                    for c in 0..<channels {
                        let plane = all.baseAddress! + c * planeSize
                        // Axis 0: each column is a line of `height` samples, stride `width`.
                        for x in 0..<width {
                            filterLine(plane + x, count: height, stride: width,
                                       center: center, radius: radius, scratch: lineBuffer.baseAddress!)
                        }
                        // Axis 1: each row, stride 1.
                        for y in 0..<height {
                            filterLine(plane + y * width, count: width, stride: 1,
                                       center: center, radius: radius, scratch: lineBuffer.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// Copies one line into `scratch` with reflected borders, then writes the filtered line back.
    @inline(__always)
    private static func filterLine(_ data: UnsafeMutablePointer<Double>, count: Int, stride: Int,
                                   center: UnsafePointer<Double>, radius: Int,
                                   scratch: UnsafeMutablePointer<Double>) {
        let padded = scratch + radius
        for i in 0..<count { padded[i] = data[i * stride] }
        if radius > 0 {
            for k in 1...radius {
                padded[-k] = padded[reflect(-k, count: count)]
                padded[count - 1 + k] = padded[reflect(count - 1 + k, count: count)]
            }
        }
        for i in 0..<count {
            let p = padded + i
            // Outermost pair first, as SciPy's loop runs `jj = -radius ..< 0`.
            var acc = p[0] * center[0]
            var k = radius
            while k >= 1 {
                acc += (p[-k] + p[k]) * center[-k]
                k -= 1
            }
            data[i * stride] = acc
        }
    }

    /// Half-sample symmetric reflection of an out-of-range index, repeated for short lines.
    @inline(__always)
    private static func reflect(_ index: Int, count: Int) -> Int {
        let period = 2 * count
        var i = index % period
        if i < 0 { i += period }
        return i < count ? i : period - 1 - i
    }
}
