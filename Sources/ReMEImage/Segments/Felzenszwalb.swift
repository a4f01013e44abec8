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
    /// Images above this many pixels are refused: the graph peaks at about 130 bytes per pixel
    /// (4 edges × (8-byte exact weight + 8-byte sort key, doubled while sorting), two sets of
    /// Float64 RGB planes, union–find arrays), so 25 MP ≈ 3.3 GB and 12000×9000 would need 14 GB.
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
        // Edge ids pack `pixel << 2 | direction` into 32 bits.
        let limit = min(maxPixels, 1 << 30)
        guard width * height <= limit else {
            throw .tooLarge(width: width, height: height, maxPixels: limit)
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
        var graph = EdgeGraph(planes: planes, channels: channels, width: width, height: height)
        planes = []
        graph.sort()
        let roots = merge(graph: graph, count: n, scale: parameters.scale / 255.0, minSize: parameters.minSize)
        return roots.withUnsafeBufferPointer {
            SegmentLabels(width: width, height: height, renumberingBounded: $0, bound: n)
        }
    }

    /// Union–find over the sorted edges; returns the root of every pixel.
    /// scikit-image compares the Float64 weight with `min` of two Float32 thresholds
    /// `Float(Int(C) + k/|C|)`; a root's threshold only changes when it merges, so it is cached.
    /// The Float32 sort key decides `weight < threshold` unless the two are equal as Float32
    /// (rounding to nearest is monotone), and only then is the exact weight read.
    private static func merge(graph: EdgeGraph, count n: Int, scale: Double, minSize: Int) -> [Int32] {
        var parent = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Int32(i) }
            initialized = n
        }
        // Size and threshold side by side: one cache line visit per root.
        var roots = [RootState](repeating: RootState(size: 1, threshold: Float(scale)), count: n)
        let width = graph.width
        parent.withUnsafeMutableBufferPointer { parentBuffer in
            roots.withUnsafeMutableBufferPointer { rootBuffer in
                graph.packed.withUnsafeBufferPointer { edges in
                    graph.weights.withUnsafeBufferPointer { weights in
                        let p = parentBuffer.baseAddress!
                        let r = rootBuffer.baseAddress!
                        for e in 0..<edges.count {
                            let item = edges[e]
                            let payload = Int(truncatingIfNeeded: item & 0xFFFF_FFFF)
                            let (a, b) = EdgeGraph.endpoints(payload: payload, width: width)
                            let ra = find(p, Int32(a)), rb = find(p, Int32(b))
                            if ra == rb { continue }
                            let limit = min(r[Int(ra)].threshold, r[Int(rb)].threshold)
                            let key = Float(bitPattern: UInt32(truncatingIfNeeded: item >> 32))
                            let below = key == limit ? weights[payload] < Double(limit) : key < limit
                            if below {
                                let root = union(p, r, ra, rb)
                                r[Int(root)].threshold = Float(weights[payload] + scale / Double(r[Int(root)].size))
                            }
                        }
                        if minSize > 1 {
                            for e in 0..<edges.count {
                                let payload = Int(truncatingIfNeeded: edges[e] & 0xFFFF_FFFF)
                                let (a, b) = EdgeGraph.endpoints(payload: payload, width: width)
                                let ra = find(p, Int32(a)), rb = find(p, Int32(b))
                                if ra == rb { continue }
                                if Int(r[Int(ra)].size) < minSize || Int(r[Int(rb)].size) < minSize {
                                    _ = union(p, r, ra, rb)
                                }
                            }
                        }
                        for i in 0..<n { p[i] = find(p, Int32(i)) }
                    }
                }
            }
        }
        return parent
    }

    private struct RootState {
        var size: Int32
        var threshold: Float
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
    private static func union(_ parent: UnsafeMutablePointer<Int32>, _ roots: UnsafeMutablePointer<RootState>,
                              _ a: Int32, _ b: Int32) -> Int32 {
        let (big, small) = roots[Int(a)].size >= roots[Int(b)].size ? (a, b) : (b, a)
        parent[Int(small)] = big
        roots[Int(big)].size += roots[Int(small)].size
        return big
    }
}
