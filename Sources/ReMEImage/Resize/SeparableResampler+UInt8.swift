extension SeparableResampler {
    /// PIL's 8-bit path: fixed-point weights, rounding and clamping to 0…255 after each pass (with
    /// the tables' `precisionBits`: 22 for PIL, fewer for PyTorch's uint8 kernel).
    static func resample(_ source: UnsafeBufferPointer<UInt8>, width: Int, height: Int, channels: Int,
                         into destination: UnsafeMutableBufferPointer<UInt8>,
                         horizontal: ResampleWeights?, vertical: ResampleWeights?, verticalFirst: Bool = false) {
        twoPasses(source, width: width, height: height, channels: channels, into: destination,
                  horizontal: horizontal, vertical: vertical, verticalFirst: verticalFirst,
                  horizontalPass: { horizontalPass($0, rows: $1, width: width, channels: channels, $2, into: $3) },
                  verticalPass: { verticalPass($0, rowLength: $1, $2, into: $3) })
    }

    // 32-bit sums with wrapping arithmetic, exactly like PIL's `int` accumulators (they cannot
    // overflow: |weights| sum to < 2^23 and samples are < 2^8), which also lets the loops vectorise.
    // Sums start at half of one (`1 << (bits − 1)`).

    /// PIL's clip8: drop the fractional bits, clamp to 0…255.
    @inline(__always)
    private static func clip8(_ sum: Int32, _ bits: Int32) -> UInt8 {
        UInt8(clamping: sum >> bits)
    }

    private static func horizontalPass(_ source: UnsafeBufferPointer<UInt8>, rows: Int, width: Int, channels: Int,
                                       _ table: ResampleWeights, into destination: UnsafeMutableBufferPointer<UInt8>) {
        guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
        let outWidth = table.outSize, taps = table.taps
        let bits = Int32(table.precisionBits), rounding: Int32 = 1 << (bits - 1)
        table.fixedWeights.withUnsafeBufferPointer { weights in
            table.starts.withUnsafeBufferPointer { starts in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<rows {
                        let inRow = src + y * width * channels
                        let outRow = dst + y * outWidth * channels
                        for x in 0..<outWidth {
                            let base = x * taps, count = counts[x], first = inRow + starts[x] * channels
                            let out = outRow + x * channels
                            if channels == 3 {  // RGB: one sweep over the taps for all three sums
                                var s0 = rounding, s1 = rounding, s2 = rounding
                                for k in 0..<count {
                                    let w = weights[base + k], p = first + 3 * k
                                    s0 &+= w &* Int32(p[0]); s1 &+= w &* Int32(p[1]); s2 &+= w &* Int32(p[2])
                                }
                                out[0] = clip8(s0, bits); out[1] = clip8(s1, bits); out[2] = clip8(s2, bits)
                                continue
                            }
                            for c in 0..<channels {
                                var sum = rounding
                                for k in 0..<count { sum &+= weights[base + k] &* Int32(first[k * channels + c]) }
                                out[c] = clip8(sum, bits)
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
        let bits = Int32(table.precisionBits), rounding: Int32 = 1 << (bits - 1)
        let sums = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rowLength)
        defer { sums.deallocate() }
        table.fixedWeights.withUnsafeBufferPointer { weights in
            table.starts.withUnsafeBufferPointer { starts in
                table.counts.withUnsafeBufferPointer { counts in
                    for y in 0..<table.outSize {
                        sums.update(repeating: rounding)
                        for k in 0..<counts[y] {
                            let w = weights[y * taps + k]
                            let inRow = src + (starts[y] + k) * rowLength
                            for j in 0..<rowLength { sums[j] &+= w &* Int32(inRow[j]) }
                        }
                        let outRow = dst + y * rowLength
                        for j in 0..<rowLength { outRow[j] = clip8(sums[j], bits) }
                    }
                }
            }
        }
    }
}
