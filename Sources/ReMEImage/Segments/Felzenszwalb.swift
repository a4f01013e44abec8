/// Felzenszwalb–Huttenlocher graph segmentation with scikit-image's semantics
/// (`skimage.segmentation.felzenszwalb` on an RGB image):
/// 1. pixels to Float64 in 0…1 (`x · (1/255)`, as `img_as_float64`), per-channel Gaussian blur
///    (SciPy semantics, see `GaussianBlur`);
/// 2. 8-connected edges weighted by the Euclidean RGB distance, sorted ascending
///    (stable; ties keep scikit-image's edge-creation order: horizontal, vertical, ↘, ↗);
/// 3. merge two components when the edge is lighter than both `Int(C) + (scale/255)/|C|`,
///    that threshold rounded to Float32 exactly as scikit-image's Cython code does;
/// 4. merge along the sorted edges any pair where a side has fewer than `minSize` pixels.
/// Labels are numbered in raster order of first appearance.
public enum Felzenszwalb {
    /// Images above this many pixels are refused: the graph needs about 140 bytes per pixel
    /// (4 edges × (8-byte weight + 4-byte id), doubled while sorting, plus blurred planes and the
    /// union–find arrays), so 25 MP ≈ 3.5 GB.
    public static let defaultMaxPixels = 25_000_000

    /// Segments an 8-bit image. Gray is replicated to RGB, alpha is ignored.
    public static func segment(_ image: PixelImage, parameters: FelzenszwalbParameters = .init(),
                               maxPixels: Int = defaultMaxPixels) throws(SegmentationError) -> SegmentLabels {
        try check(width: image.width, height: image.height, channels: image.channels,
                  parameters: parameters, maxPixels: maxPixels)
        let planes = unitPlanes(width: image.width, height: image.height, channels: image.channels) { i in
            Double(image.pixels[i])
        }
        return segment(planes: planes, width: image.width, height: image.height, parameters: parameters)
    }

    /// Segments a float image whose values are on the 0…255 scale (as decoded). Gray is replicated
    /// to RGB, alpha is ignored.
    public static func segment(_ image: FloatImage, parameters: FelzenszwalbParameters = .init(),
                               maxPixels: Int = defaultMaxPixels) throws(SegmentationError) -> SegmentLabels {
        try check(width: image.width, height: image.height, channels: image.channels,
                  parameters: parameters, maxPixels: maxPixels)
        guard image.pixels.allSatisfy(\.isFinite) else { throw .nonFiniteInput }
        let planes = unitPlanes(width: image.width, height: image.height, channels: image.channels) { i in
            Double(image.pixels[i])
        }
        return segment(planes: planes, width: image.width, height: image.height, parameters: parameters)
    }

    private static func check(width: Int, height: Int, channels: Int, parameters: FelzenszwalbParameters,
                              maxPixels: Int) throws(SegmentationError) {
        try parameters.validate()
        guard [1, 3, 4].contains(channels) else { throw .unsupportedChannels(channels) }
        guard width > 0, height > 0 else { throw .emptyImage(width: width, height: height) }
        guard width * height <= maxPixels else {
            throw .tooLarge(width: width, height: height, maxPixels: maxPixels)
        }
    }

    /// Three channel-major planes in 0…1; `value(i)` reads interleaved sample `i` on 0…255.
    private static func unitPlanes(width: Int, height: Int, channels: Int,
                                   value: (Int) -> Double) -> [Double] {
        let n = width * height
        var planes = [Double](repeating: 0, count: 3 * n)
        let unit = 1.0 / 255.0
        planes.withUnsafeMutableBufferPointer { dst in
            for c in 0..<3 {
                let source = channels >= 3 ? c : 0
                for i in 0..<n { dst[c * n + i] = value(i * channels + source) * unit }
            }
        }
        return planes
    }

    /// The algorithm on channel-major Float64 planes already scaled to 0…1.
    static func segment(planes input: [Double], width: Int, height: Int,
                        parameters: FelzenszwalbParameters) -> SegmentLabels {
        let n = width * height
        let channels = input.count / n
        var planes = input
        GaussianBlur.blur(planes: &planes, channels: channels, width: width, height: height,
                          sigma: parameters.sigma)
        var (keys, payloads) = EdgeGraph.build(planes: planes, channels: channels, width: width, height: height)
        planes = []
        RadixSort.sort(keys: &keys, payloads: &payloads)
        let roots = merge(sortedKeys: keys, payloads: payloads, width: width, count: n,
                          scale: parameters.scale / 255.0, minSize: parameters.minSize)
        return roots.withUnsafeBufferPointer {
            SegmentLabels(width: width, height: height, renumberingBounded: $0, bound: n)
        }
    }

    /// Union–find over the sorted edges; returns the root of every pixel.
    private static func merge(sortedKeys: [UInt64], payloads: [UInt32], width: Int, count n: Int,
                              scale: Double, minSize: Int) -> [Int32] {
        var parent = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(i) }
            initialized = n
        }
        var size = [Int32](repeating: 1, count: n)
        var internalCost = [Double](repeating: 0, count: n)
        let neighbour = EdgeGraph.neighbourOffsets(width: width)
        parent.withUnsafeMutableBufferPointer { parentBuffer in
            size.withUnsafeMutableBufferPointer { sizeBuffer in
                internalCost.withUnsafeMutableBufferPointer { cint in
                    sortedKeys.withUnsafeBufferPointer { keys in
                        payloads.withUnsafeBufferPointer { edges in
                            let p = parentBuffer.baseAddress!
                            let s = sizeBuffer.baseAddress!
                            for e in 0..<keys.count {
                                let (a, b) = EdgeGraph.endpoints(edges[e], offsets: neighbour)
                                let ra = find(p, a), rb = find(p, b)
                                if ra == rb { continue }
                                let cost = Double(bitPattern: keys[e])
                                // scikit-image stores these thresholds in float32 variables.
                                let ta = Float(cint[Int(ra)] + scale / Double(s[Int(ra)]))
                                let tb = Float(cint[Int(rb)] + scale / Double(s[Int(rb)]))
                                if cost < Double(min(ta, tb)) {
                                    let root = union(p, s, ra, rb)
                                    cint[Int(root)] = cost
                                }
                            }
                            if minSize > 1 {
                                for e in 0..<keys.count {
                                    let (a, b) = EdgeGraph.endpoints(edges[e], offsets: neighbour)
                                    let ra = find(p, a), rb = find(p, b)
                                    if ra == rb { continue }
                                    if Int(s[Int(ra)]) < minSize || Int(s[Int(rb)]) < minSize {
                                        _ = union(p, s, ra, rb)
                                    }
                                }
                            }
                            for i in 0..<n { p[i] = find(p, Int32(i)) }
                        }
                    }
                }
            }
        }
        return parent
    }

    @inline(__always)
    private static func find(_ parent: UnsafeMutablePointer<Int32>, _ start: Int32) -> Int32 {
        var x = start
        while parent[Int(x)] != x {
            let grand = parent[Int(parent[Int(x)])]
            parent[Int(x)] = grand
            x = grand
        }
        return x
    }

    /// Joins two roots (smaller under larger); returns the new root with the summed size.
    @inline(__always)
    private static func union(_ parent: UnsafeMutablePointer<Int32>, _ size: UnsafeMutablePointer<Int32>,
                              _ a: Int32, _ b: Int32) -> Int32 {
        let (big, small) = size[Int(a)] >= size[Int(b)] ? (a, b) : (b, a)
        parent[Int(small)] = big
        size[Int(big)] += size[Int(small)]
        return big
    }
}
