/// Stable LSD radix sort of packed edges `(Float32 weight bits << 32) | payload` by their high
/// 32 bits only. Positive Float32 bit patterns are monotone as integers, and stability keeps
/// equal weights in their original (edge-creation) order.
enum RadixSort {
    static func sortByHighWord(_ items: inout [UInt64]) {
        let n = items.count
        guard n > 1 else { return }
        let passes = 4
        var histograms = [Int](repeating: 0, count: passes * 256)
        items.withUnsafeBufferPointer { src in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let key = src[i] >> 32
                    h[Int(key & 0xFF)] += 1
                    h[256 + Int((key >> 8) & 0xFF)] += 1
                    h[512 + Int((key >> 16) & 0xFF)] += 1
                    h[768 + Int(key >> 24)] += 1
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: 256)
        for p in 0..<passes {
            let shift = UInt64(32 + 8 * p)
            let base = p * 256
            // A digit shared by every key leaves the order unchanged.
            if histograms[base + Int((items[0] >> shift) & 0xFF)] == n { continue }
            var running = 0
            for b in 0..<256 {
                offsets[b] = running
                running += histograms[base + b]
            }
            items.withUnsafeBufferPointer { src in
                scratch.withUnsafeMutableBufferPointer { dst in
                    offsets.withUnsafeMutableBufferPointer { off in
                        for i in 0..<n {
                            let item = src[i]
                            let digit = Int((item >> shift) & 0xFF)
                            dst[off[digit]] = item
                            off[digit] += 1
                        }
                    }
                }
            }
            swap(&items, &scratch)
        }
    }
}
