/// A small separable resampler for segmentation-side resizing (short side before
/// Felzenszwalb, masked crops for CLIP), kept local to this folder until the image-resize
/// module lands. Convention of PIL's `Image.resize` (and torch's `antialias=True`): sample
/// centres `(i + 0.5)·in/out`, kernels widened by the scale factor when shrinking
/// (antialiasing), weights normalised per output sample; bicubic uses a = −0.5.
/// Horizontal pass first, then vertical, in Float32 without intermediate rounding.
enum SegmentResampling {
    enum Filter {
        case bilinear, bicubic

        var support: Double { self == .bilinear ? 1 : 2 }

        func weight(_ x: Double) -> Double {
            let t = abs(x)
            switch self {
            case .bilinear:
                return t < 1 ? 1 - t : 0
            case .bicubic:
                let a = -0.5
                if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
                if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
                return 0
            }
        }
    }

    /// Per output sample: first input index and normalised weights.
    struct Coefficients {
        var starts: [Int]
        var taps: Int
        var weights: [Float]

        init(inSize: Int, outSize: Int, filter: Filter) {
            let scale = Double(inSize) / Double(outSize)
            let filterScale = max(scale, 1)
            let support = filter.support * filterScale
            taps = Int(support.rounded(.up)) * 2 + 1
            starts = [Int](repeating: 0, count: outSize)
            weights = [Float](repeating: 0, count: outSize * taps)
            for i in 0..<outSize {
                let center = (Double(i) + 0.5) * scale
                let lo = max(Int(center - support + 0.5), 0)
                let hi = min(Int(center + support + 0.5), inSize)
                var row = [Double](repeating: 0, count: taps)
                var total = 0.0
                for j in lo..<max(hi, lo) where j - lo < taps {
                    let w = filter.weight((Double(j) - center + 0.5) / filterScale)
                    row[j - lo] = w
                    total += w
                }
                starts[i] = lo
                for t in 0..<taps { weights[i * taps + t] = total != 0 ? Float(row[t] / total) : 0 }
            }
        }
    }

    /// Resizes an interleaved image (`channels` per pixel) stored as Float32.
    static func resize<Sample: ResampleInput>(_ source: [Sample], width: Int, height: Int, channels: Int,
                       toWidth outWidth: Int, toHeight outHeight: Int, filter: Filter) -> [Float] {
        precondition(width > 0 && height > 0 && outWidth > 0 && outHeight > 0)
        let horizontal = Coefficients(inSize: width, outSize: outWidth, filter: filter)
        let vertical = Coefficients(inSize: height, outSize: outHeight, filter: filter)
        var mid = [Float](repeating: 0, count: outWidth * height * channels)
        source.withUnsafeBufferPointer { src in
            mid.withUnsafeMutableBufferPointer { dst in
                horizontal.weights.withUnsafeBufferPointer { w in
                    for y in 0..<height {
                        let row = src.baseAddress! + y * width * channels
                        let out = dst.baseAddress! + y * outWidth * channels
                        for x in 0..<outWidth {
                            let start = horizontal.starts[x]
                            let taps = min(horizontal.taps, width - start)
                            for c in 0..<channels {
                                var acc: Float = 0
                                for t in 0..<taps {
                                    acc += w[x * horizontal.taps + t] * row[(start + t) * channels + c].floatValue
                                }
                                out[x * channels + c] = acc
                            }
                        }
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: outWidth * outHeight * channels)
        let rowLength = outWidth * channels
        mid.withUnsafeBufferPointer { src in
            result.withUnsafeMutableBufferPointer { dst in
                vertical.weights.withUnsafeBufferPointer { w in
                    for y in 0..<outHeight {
                        let start = vertical.starts[y]
                        let taps = min(vertical.taps, height - start)
                        let out = dst.baseAddress! + y * rowLength
                        for t in 0..<taps {
                            let weight = w[y * vertical.taps + t]
                            if weight == 0 { continue }
                            let row = src.baseAddress! + (start + t) * rowLength
                            for i in 0..<rowLength { out[i] += weight * row[i] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// Output size whose short side is `shortSide`, long side rounded to nearest.
    static func size(width: Int, height: Int, shortSide: Int) -> (width: Int, height: Int) {
        if width <= height {
            return (shortSide, max(1, Int((Double(height) * Double(shortSide) / Double(width)).rounded())))
        }
        return (max(1, Int((Double(width) * Double(shortSide) / Double(height)).rounded())), shortSide)
    }
}

/// Samples the resampler reads directly (8-bit pixels need no Float copy of a large image).
protocol ResampleInput {
    var floatValue: Float { get }
}

extension UInt8: ResampleInput {
    var floatValue: Float { Float(self) }
}

extension Float: ResampleInput {
    var floatValue: Float { self }
}
