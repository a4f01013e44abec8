/// The 8-connected pixel graph. An edge's payload is `(anchor << 2) | direction` with
/// `anchor = y·width + x`: 0 = (x,y)–(x+1,y), 1 = (x,y)–(x,y+1), 2 = (x,y)–(x+1,y+1),
/// 3 = (x+1,y)–(x,y+1). Weights are `sqrt(Σ_c (a_c − b_c)²)` in Float64, summed in channel
/// order as NumPy does, stored in `weights[payload]`.
struct EdgeGraph {
    let width: Int
    let height: Int
    /// Exact Float64 weight per payload (4 slots per pixel; border slots unused).
    var weights: [Double]
    /// `(Float32(weight).bitPattern << 32) | payload`, in scikit-image's edge-creation order:
    /// all horizontal edges, then vertical, then ↘, then ↗, each block in raster order.
    var packed: [UInt64]

    static func edgeCount(width: Int, height: Int) -> Int {
        height * (width - 1) + (height - 1) * width + 2 * (height - 1) * (width - 1)
    }

    init(planes: [Double], channels: Int, width: Int, height: Int) {
        self.width = width
        self.height = height
        let n = width * height
        let count = Self.edgeCount(width: width, height: height)
        var weights = [Double](repeating: 0, count: 4 * n)
        var packed = [UInt64](repeating: 0, count: count)
        planes.withUnsafeBufferPointer { src in
            weights.withUnsafeMutableBufferPointer { w in
                packed.withUnsafeMutableBufferPointer { out in
                    var e = 0
                    @inline(__always) func emit(_ dir: Int, _ anchor: Int, _ a: Int, _ b: Int) {
                        var sum = 0.0
                        for c in 0..<channels {
                            let d = src[c * n + a] - src[c * n + b]
                            sum += d * d
                        }
                        let weight = sum.squareRoot()
                        let payload = anchor << 2 | dir
                        w[payload] = weight
                        out[e] = UInt64(Float(weight).bitPattern) << 32 | UInt64(payload)
                        e += 1
                    }
                    for y in 0..<height { for x in 0..<(width - 1) { let i = y * width + x; emit(0, i, i, i + 1) } }
                    for y in 0..<(height - 1) { for x in 0..<width { let i = y * width + x; emit(1, i, i, i + width) } }
                    for y in 0..<(height - 1) { for x in 0..<(width - 1) { let i = y * width + x; emit(2, i, i, i + width + 1) } }
                    for y in 0..<(height - 1) { for x in 0..<(width - 1) { let i = y * width + x; emit(3, i, i + 1, i + width) } }
                    precondition(e == count)
                }
            }
        }
        self.weights = weights
        self.packed = packed
    }

    /// Sorts edges by exact weight, ties in creation order: radix sort on the Float32 key,
    /// then re-sort the rare runs of equal Float32 keys whose Float64 weights are out of order.
    mutating func sort() {
        RadixSort.sortByHighWord(&packed)
        let order = ExactOrder(weights: weights, width: width, height: height)
        packed.withUnsafeMutableBufferPointer { items in
            let count = items.count
            var start = 0
            while start < count {
                let key = items[start] >> 32
                var end = start + 1
                var ordered = true
                while end < count && items[end] >> 32 == key {
                    if ordered && order.precedes(items[end], items[end - 1]) { ordered = false }
                    end += 1
                }
                if !ordered {
                    var run = UnsafeMutableBufferPointer(rebasing: items[start..<end])
                    run.sort { order.precedes($0, $1) }
                }
                start = end
            }
        }
    }

    @inline(__always)
    static func endpoints(payload: Int, width: Int) -> (Int, Int) {
        let anchor = payload >> 2
        switch payload & 3 {
        case 0: return (anchor, anchor + 1)
        case 1: return (anchor, anchor + width)
        case 2: return (anchor, anchor + width + 1)
        default: return (anchor + 1, anchor + width)
        }
    }
}

/// The exact edge order: Float64 weight, then position in scikit-image's concatenated edge list.
private struct ExactOrder {
    let weights: [Double]
    let width: Int
    let height: Int

    func precedes(_ a: UInt64, _ b: UInt64) -> Bool {
        let pa = Int(truncatingIfNeeded: a & 0xFFFF_FFFF), pb = Int(truncatingIfNeeded: b & 0xFFFF_FFFF)
        let wa = weights[pa], wb = weights[pb]
        if wa != wb { return wa < wb }
        return creationIndex(pa) < creationIndex(pb)
    }

    private func creationIndex(_ payload: Int) -> Int {
        let anchor = payload >> 2
        let y = anchor / width, x = anchor % width
        let horizontal = height * (width - 1), vertical = (height - 1) * width, diagonal = (height - 1) * (width - 1)
        switch payload & 3 {
        case 0: return y * (width - 1) + x
        case 1: return horizontal + y * width + x
        case 2: return horizontal + vertical + y * (width - 1) + x
        default: return horizontal + vertical + diagonal + y * (width - 1) + x
        }
    }
}
