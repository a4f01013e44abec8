/// Two-pass separable resampling of interleaved images (horizontal pass first, then
/// vertical, as PIL does). `channels` samples per pixel; CHW data is resampled as
/// `channels == 1` planes.
enum SeparableResampler {
    /// Float path: Float accumulation, no rounding or clamping between passes.
    static func resample(_ source: UnsafeBufferPointer<Float>, width: Int, height: Int, channels: Int,
                         into destination: UnsafeMutableBufferPointer<Float>,
                         horizontal: ResampleWeights?, vertical: ResampleWeights?) {
        let outWidth = horizontal?.outSize ?? width
        switch (horizontal, vertical) {
        case (nil, nil):
            _ = destination.initialize(from: source)
        case let (h?, nil):
            horizontalPass(source, rows: height, width: width, channels: channels, h, into: destination)
        case let (nil, v?):
            verticalPass(source, rowLength: width * channels, v, into: destination)
        case let (h?, v?):
            let intermediate = UnsafeMutableBufferPointer<Float>.allocate(capacity: height * outWidth * channels)
            defer { intermediate.deallocate() }
            horizontalPass(source, rows: height, width: width, channels: channels, h, into: intermediate)
            verticalPass(UnsafeBufferPointer(intermediate), rowLength: outWidth * channels, v, into: destination)
        }
    }

    private static func horizontalPass(_ source: UnsafeBufferPointer<Float>, rows: Int, width: Int, channels: Int,
                                       _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<Float>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let outWidth = table.outSize, taps = table.taps
        table.weights.withUnsafeBufferPointer { weights in
            table.indices.withUnsafeBufferPointer { indices in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<rows {
                        let inRow = src + y * width * channels
                        let outRow = dst + y * outWidth * channels
                        for x in 0..<outWidth {
                            let base = x * taps, count = counts[x]
                            for c in 0..<channels {
                                var sum: Float = 0
                                for k in 0..<count { sum += weights[base + k] * inRow[indices[base + k] * channels + c] }
                                outRow[x * channels + c] = sum
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
            table.indices.withUnsafeBufferPointer { indices in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<table.outSize {
                        let outRow = dst + y * rowLength
                        outRow.update(repeating: 0, count: rowLength)
                        for k in 0..<counts[y] {
                            let w = weights[y * taps + k]
                            let inRow = src + indices[y * taps + k] * rowLength
                            for j in 0..<rowLength { outRow[j] += w * inRow[j] }
                        }
                    }
                }
            }
        }
    }

    /// PIL's 8-bit path: fixed-point weights, rounding and clamping to 0…255 after each pass.
    static func resample(_ source: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int,
                         into destination: UnsafeMutableBufferPointer<UInt8>,
                         horizontal: ResampleWeights?, vertical: ResampleWeights?) {
        let outWidth = horizontal?.outSize ?? width
        switch (horizontal, vertical) {
        case (nil, nil):
            _ = destination.initialize(from: source)
        case let (h?, nil):
            horizontalPass(source, rows: height, width: width, channels: channels, h, into: destination)
        case let (nil, v?):
            verticalPass(source, rowLength: width * channels, v, into: destination)
        case let (h?, v?):
            let intermediate = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: height * outWidth * channels)
            defer { intermediate.deallocate() }
            horizontalPass(source, rows: height, width: width, channels: channels, h, into: intermediate)
            verticalPass(UnsafeBufferPointer(intermediate), rowLength: outWidth * channels, v, into: destination)
        }
    }

    private static let rounding = 1 << (ResampleWeights.fixedPointBits - 1)

    @inline(__always)
    private static func clip8(_ sum: Int) -> UInt8 {
        UInt8(clamping: sum >> ResampleWeights.fixedPointBits)
    }

    private static func horizontalPass(_ source: UnsafeBufferPointer<UInt8>, rows: Int, width: Int, channels: Int,
                                       _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<UInt8>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let outWidth = table.outSize, taps = table.taps
        table.fixedWeights.withUnsafeBufferPointer { weights in
            table.indices.withUnsafeBufferPointer { indices in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<rows {
                        let inRow = src + y * width * channels
                        let outRow = dst + y * outWidth * channels
                        for x in 0..<outWidth {
                            let base = x * taps, count = counts[x]
                            for c in 0..<channels {
                                var sum = rounding
                                for k in 0..<count {
                                    sum += Int(weights[base + k]) * Int(inRow[indices[base + k] * channels + c])
                                }
                                outRow[x * channels + c] = clip8(sum)
                            }
                        }
                    }
                }
            }
        }
    }

    private static func verticalPass(_ source: UnsafeBufferPointer<UInt8>, rowLength: Int,
                                     _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<UInt8>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let taps = table.taps
        let sums = UnsafeMutableBufferPointer<Int>.allocate(capacity: rowLength)
        defer { sums.deallocate() }
        table.fixedWeights.withUnsafeBufferPointer { weights in
            table.indices.withUnsafeBufferPointer { indices in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<table.outSize {
                        sums.update(repeating: rounding)
                        for k in 0..<counts[y] {
                            let w = Int(weights[y * taps + k])
                            let inRow = src + indices[y * taps + k] * rowLength
                            for j in 0..<rowLength { sums[j] += w * Int(inRow[j]) }
                        }
                        let outRow = dst + y * rowLength
                        for j in 0..<rowLength { outRow[j] = clip8(sums[j]) }
                    }
                }
            }
        }
    }
}
