/// Stable LSD radix sort of non-negative Float64 bit patterns (monotone as UInt64) carrying a
/// UInt32 payload. Stability makes ties come out in edge-creation order, deterministically.
enum RadixSort {
    private static let digitBits = 11
    private static let buckets = 1 << digitBits

    static func sort(keys: inout [UInt64], payloads: inout [UInt32]) {
        let n = keys.count
        precondition(payloads.count == n)
        guard n > 1 else { return }
        let passes = (64 + digitBits - 1) / digitBits
        var histograms = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    var key = k[i]
                    for p in 0..<passes {
                        h[p * buckets + Int(key & UInt64(buckets - 1))] += 1
                        key >>= UInt64(digitBits)
                    }
                }
            }
        }
        var keyScratch = [UInt64](repeating: 0, count: n)
        var payloadScratch = [UInt32](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: buckets)
        for p in 0..<passes {
            let base = p * buckets
            // A digit shared by every key leaves the order unchanged.
            if histograms[base + Int((keys[0] >> UInt64(p * digitBits)) & UInt64(buckets - 1))] == n { continue }
            var running = 0
            for b in 0..<buckets {
                offsets[b] = running
                running += histograms[base + b]
            }
            let shift = UInt64(p * digitBits)
            keys.withUnsafeBufferPointer { srcK in
                payloads.withUnsafeBufferPointer { srcP in
                    keyScratch.withUnsafeMutableBufferPointer { dstK in
                        payloadScratch.withUnsafeMutableBufferPointer { dstP in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let key = srcK[i]
                                    let digit = Int((key >> shift) & UInt64(buckets - 1))
                                    let slot = off[digit]
                                    off[digit] = slot + 1
                                    dstK[slot] = key
                                    dstP[slot] = srcP[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keyScratch)
            swap(&payloads, &payloadScratch)
        }
    }
}
