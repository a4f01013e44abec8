import ReMETensor
import ReMEImage

/// transformers' `SamImageProcessor.post_process_masks` for one image: low-resolution logits
/// `[..., L, L]` resized bilinearly (`align_corners=False`) to the padded square, cropped to the
/// reshaped size, resized bilinearly to the original size, and optionally binarised
/// (`> maskThreshold`, as 1 / 0).
extension SAMImageProcessor {
    public func postProcessMasks(_ masks: Tensor, geometry: SAMImageGeometry, maskThreshold: Float = 0,
                                 binarize: Bool = true) throws(ImageError) -> Tensor {
        guard masks.rank >= 2, let side = masks.shape.last, masks.shape[masks.rank - 2] == side, side > 0 else {
            throw .invalidArgument("SAM's low-resolution masks must be [..., L, L], got \(masks.shape)")
        }
        let upsampler = SAMMaskUpsampler(lowResolution: side, geometry: geometry)
        let count = masks.count / (side * side), plane = geometry.originalWidth * geometry.originalHeight
        var out = Tensor(uninitialized: Array(masks.shape.dropLast(2)) + [geometry.originalHeight, geometry.originalWidth])
        var scratch = upsampler.makeScratch()
        out.withUnsafeMutableBufferPointer { target in
            masks.withUnsafeBufferPointer { source in
                for m in 0..<count {
                    let low = UnsafeBufferPointer(rebasing: source[(m * side * side)..<((m + 1) * side * side)])
                    let high = UnsafeMutableBufferPointer(rebasing: target[(m * plane)..<((m + 1) * plane)])
                    upsampler.upsample(low, into: high, scratch: &scratch)
                    if binarize {
                        for i in 0..<plane { high[i] = high[i] > maskThreshold ? 1 : 0 }
                    }
                }
            }
        }
        return out
    }
}

/// The two bilinear resizes of `post_process_masks` for one geometry, with their source indices
/// and weights computed once (PyTorch's `upsample_bilinear2d`, `align_corners=False`, in
/// float32), applied one mask at a time into caller-owned buffers. The first resize only
/// computes the part of the padded square the crop keeps.
public struct SAMMaskUpsampler: Sendable {
    public let geometry: SAMImageGeometry
    public let lowResolution: Int
    let firstRows: BilinearTaps, firstColumns: BilinearTaps
    let secondRows: BilinearTaps, secondColumns: BilinearTaps

    public init(lowResolution: Int, geometry: SAMImageGeometry) {
        self.geometry = geometry
        self.lowResolution = lowResolution
        firstRows = BilinearTaps(inputSize: lowResolution, outputSize: geometry.padSize, count: geometry.reshapedHeight)
        firstColumns = BilinearTaps(inputSize: lowResolution, outputSize: geometry.padSize, count: geometry.reshapedWidth)
        secondRows = BilinearTaps(inputSize: geometry.reshapedHeight, outputSize: geometry.originalHeight,
                                  count: geometry.originalHeight)
        secondColumns = BilinearTaps(inputSize: geometry.reshapedWidth, outputSize: geometry.originalWidth,
                                     count: geometry.originalWidth)
    }

    /// A buffer for the cropped intermediate (reshaped height × width).
    public func makeScratch() -> [Float] {
        [Float](repeating: 0, count: geometry.reshapedHeight * geometry.reshapedWidth)
    }

    /// Resizes one `L × L` mask into `out` (original height × width, row-major).
    public func upsample(_ low: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>,
                         scratch: inout [Float]) {
        precondition(low.count == lowResolution * lowResolution && out.count == geometry.originalWidth * geometry.originalHeight)
        let middleWidth = geometry.reshapedWidth
        scratch.withUnsafeMutableBufferPointer { middle in
            Self.resize(low, width: lowResolution, rows: firstRows, columns: firstColumns, into: middle)
            Self.resize(UnsafeBufferPointer(middle), width: middleWidth, rows: secondRows, columns: secondColumns, into: out)
        }
    }

    /// out = h0·(w0·x00 + w1·x01) + h1·(w0·x10 + w1·x11), PyTorch's order of operations.
    static func resize(_ source: UnsafeBufferPointer<Float>, width: Int, rows: BilinearTaps, columns: BilinearTaps,
                       into out: UnsafeMutableBufferPointer<Float>) {
        columns.index0.withUnsafeBufferPointer { c0s in
            columns.index1.withUnsafeBufferPointer { c1s in
                columns.lambda0.withUnsafeBufferPointer { w0s in
                    columns.lambda1.withUnsafeBufferPointer { w1s in
                        let outWidth = c0s.count
                        for y in 0..<rows.index0.count {
                            let r0 = rows.index0[y] * width, r1 = rows.index1[y] * width
                            let h0 = rows.lambda0[y], h1 = rows.lambda1[y]
                            let base = y * outWidth
                            for x in 0..<outWidth {
                                let c0 = c0s[x], c1 = c1s[x], w0 = w0s[x], w1 = w1s[x]
                                let top = source[r0 + c0] * w0 + source[r0 + c1] * w1
                                let bottom = source[r1 + c0] * w0 + source[r1 + c1] * w1
                                out[base + x] = top * h0 + bottom * h1
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Source indices and weights along one axis of PyTorch's bilinear resize with
/// `align_corners=False` (`compute_source_index_and_lambda`, float32), for the first `count`
/// output positions.
struct BilinearTaps: Sendable {
    var index0: [Int] = [], index1: [Int] = []
    var lambda0: [Float] = [], lambda1: [Float] = []

    init(inputSize: Int, outputSize: Int, count: Int) {
        let scale = Float(inputSize) / Float(outputSize)
        for i in 0..<count {
            let real = max(scale * (Float(i) + 0.5) - 0.5, 0)
            let i0 = min(Int(real), inputSize - 1)
            let i1 = i0 + (i0 < inputSize - 1 ? 1 : 0)
            let l1 = min(max(real - Float(i0), 0), 1)
            index0.append(i0); index1.append(i1)
            lambda0.append(1 - l1); lambda1.append(l1)
        }
    }
}
