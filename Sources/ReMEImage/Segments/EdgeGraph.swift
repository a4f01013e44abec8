/// The 8-connected pixel graph in scikit-image's edge order. An edge is stored as
/// `(pixel << 2) | direction` with `pixel = y·width + x` its top-left anchor:
/// 0 = (x,y)–(x+1,y), 1 = (x,y)–(x,y+1), 2 = (x,y)–(x+1,y+1), 3 = (x+1,y)–(x,y+1).
/// Weights are Float64 bit patterns of `sqrt(Σ_c (a_c − b_c)²)`, summed in channel order.
enum EdgeGraph {
    static func edgeCount(width: Int, height: Int) -> Int {
        height * (width - 1) + (height - 1) * width + 2 * (height - 1) * (width - 1)
    }

    /// (first endpoint offset, second endpoint offset) from the anchor, per direction.
    static func neighbourOffsets(width: Int) -> (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) {
        let w = Int32(width)
        return (0, 1, 0, w, 0, w + 1, 1, w)
    }

    @inline(__always)
    static func endpoints(_ edge: UInt32,
                          offsets o: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)) -> (Int32, Int32) {
        let anchor = Int32(edge >> 2)
        switch edge & 3 {
        case 0: return (anchor + o.0, anchor + o.1)
        case 1: return (anchor + o.2, anchor + o.3)
        case 2: return (anchor + o.4, anchor + o.5)
        default: return (anchor + o.6, anchor + o.7)
        }
    }

    static func build(planes: [Double], channels: Int, width: Int, height: Int) -> ([UInt64], [UInt32]) {
        let count = edgeCount(width: width, height: height)
        var keys = [UInt64](repeating: 0, count: count)
        var payloads = [UInt32](repeating: 0, count: count)
        let n = width * height
        planes.withUnsafeBufferPointer { src in
            keys.withUnsafeMutableBufferPointer { k in
                payloads.withUnsafeMutableBufferPointer { pl in
                    var e = 0
                    func emit(_ dir: UInt32, _ anchor: Int, _ a: Int, _ b: Int) {
                        var sum = 0.0
                        for c in 0..<channels {
                            let d = src[c * n + a] - src[c * n + b]
                            sum += d * d
                        }
                        k[e] = sum.squareRoot().bitPattern
                        pl[e] = UInt32(anchor) << 2 | dir
                        e += 1
                    }
                    for y in 0..<height { for x in 0..<(width - 1) {
                        let i = y * width + x
                        emit(0, i, i, i + 1)
                    } }
                    for y in 0..<(height - 1) { for x in 0..<width {
                        let i = y * width + x
                        emit(1, i, i, i + width)
                    } }
                    for y in 0..<(height - 1) { for x in 0..<(width - 1) {
                        let i = y * width + x
                        emit(2, i, i, i + width + 1)
                    } }
                    for y in 0..<(height - 1) { for x in 0..<(width - 1) {
                        let i = y * width + x
                        emit(3, i, i + 1, i + width)
                    } }
                    precondition(e == count)
                }
            }
        }
        return (keys, payloads)
    }
}
