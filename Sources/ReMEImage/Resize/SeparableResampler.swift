/// Two-pass separable resampling of interleaved images. `channels` samples per pixel;
/// CHW data is resampled as `channels == 1` planes. The horizontal pass runs first unless
/// `verticalFirst` (the order changes the 8-bit path's rounding between passes).
enum SeparableResampler {
    /// Float path: Float accumulation, no rounding or clamping between passes.
    static func resample(_ source: UnsafeBufferPointer<Float>, width: Int, height: Int, channels: Int,
                         into destination: UnsafeMutableBufferPointer<Float>,
                         horizontal: ResampleWeights?, vertical: ResampleWeights?, verticalFirst: Bool = false) {
        twoPasses(source, width: width, height: height, channels: channels, into: destination,
                  horizontal: horizontal, vertical: vertical, verticalFirst: verticalFirst,
                  horizontalPass: { horizontalPass($0, rows: $1, width: width, channels: channels, $2, into: $3) },
                  verticalPass: { verticalPass($0, rowLength: $1, $2, into: $3) })
    }

    /// Runs the passes that are needed, in the order asked for, through one intermediate buffer.
    /// - horizontalPass(source, rows, table, destination); verticalPass(source, rowLength, table, destination).
    static func twoPasses<Sample>(
        _ source: UnsafeBufferPointer<Sample>, width: Int, height: Int, channels: Int,
        into destination: UnsafeMutableBufferPointer<Sample>,
        horizontal: ResampleWeights?, vertical: ResampleWeights?, verticalFirst: Bool,
        horizontalPass: (UnsafeBufferPointer<Sample>, Int, ResampleWeights, UnsafeMutableBufferPointer<Sample>) -> Void,
        verticalPass: (UnsafeBufferPointer<Sample>, Int, ResampleWeights, UnsafeMutableBufferPointer<Sample>) -> Void
    ) {
        let outWidth = horizontal?.outSize ?? width
        switch (horizontal, vertical) {
        case (nil, nil):
            _ = destination.initialize(from: source)
        case let (h?, nil):
            horizontalPass(source, height, h, destination)
        case let (nil, v?):
            verticalPass(source, width * channels, v, destination)
        case let (h?, v?) where verticalFirst:
            let intermediate = UnsafeMutableBufferPointer<Sample>.allocate(capacity: v.outSize * width * channels)
            defer { intermediate.deallocate() }
            verticalPass(source, width * channels, v, intermediate)
            horizontalPass(UnsafeBufferPointer(intermediate), v.outSize, h, destination)
        case let (h?, v?):
            let intermediate = UnsafeMutableBufferPointer<Sample>.allocate(capacity: height * outWidth * channels)
            defer { intermediate.deallocate() }
            horizontalPass(source, height, h, intermediate)
            verticalPass(UnsafeBufferPointer(intermediate), outWidth * channels, v, destination)
        }
    }

    private static func horizontalPass(_ source: UnsafeBufferPointer<Float>, rows: Int, width: Int, channels: Int,
                                       _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<Float>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let outWidth = table.outSize, taps = table.taps
        table.weights.withUnsafeBufferPointer { weights in
            table.starts.withUnsafeBufferPointer { starts in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<rows {
                        let inRow = src + y * width * channels
                        let outRow = dst + y * outWidth * channels
                        for x in 0..<outWidth {
                            let base = x * taps, count = counts[x], first = inRow + starts[x] * channels
                            let out = outRow + x * channels
                            if channels == 3 {  // RGB: one sweep over the taps for all three sums
                                var s0: Float = 0, s1: Float = 0, s2: Float = 0
                                for k in 0..<count {
                                    let w = weights[base + k], p = first + 3 * k
                                    s0 += w * p[0]; s1 += w * p[1]; s2 += w * p[2]
                                }
                                out[0] = s0; out[1] = s1; out[2] = s2
                                continue
                            }
                            for c in 0..<channels {
                                var sum: Float = 0
                                for k in 0..<count { sum += weights[base + k] * first[k * channels + c] }
                                out[c] = sum
                            }
                        }
                    }
                }
            }
        }
    }

    private static func verticalPass(_ source: UnsafeBufferPointer<Float>, rowLength: Int,
                                     _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<Float>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let taps = table.taps
        table.weights.withUnsafeBufferPointer { weights in
            table.starts.withUnsafeBufferPointer { starts in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<table.outSize {
                        let outRow = dst + y * rowLength
                        outRow.update(repeating: 0, count: rowLength)
                        for k in 0..<counts[y] {
                            let w = weights[y * taps + k]
                            let inRow = src + (starts[y] + k) * rowLength
                            for j in 0..<rowLength { outRow[j] += w * inRow[j] }
                        }
                    }
                }
            }
        }
    }
}
