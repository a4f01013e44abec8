import Foundation
import ReMETensor

/// The mask decoder's output upscaling and mask product (transformers' `SamMaskDecoder`):
/// two 2×2 stride-2 transposed convolutions (each one GEMM and a scatter of its 2×2 blocks)
/// with a channel layer norm and GELU between them and GELU after, then each prompt's
/// hypernetwork weights times the upscaled embedding. Runs prompt by prompt, one per core.
struct SAMMaskUpscaler: Sendable {
    /// [C, C/4·4]: input channel × (output channel, kernel row, kernel column).
    var kernel1: Tensor
    var bias1: Tensor
    var norm: LayerNormLayer
    /// [C/4, C/8·4].
    var kernel2: Tensor
    var bias2: Tensor

    init(_ w: WeightLoader, width c: Int) throws(ModelError) {
        let c1 = c / 4, c2 = c / 8
        kernel1 = try w.take("mask_decoder.upscale_conv1.weight", shape: [c, c1, 2, 2]).reshapedRows(4 * c1)
        bias1 = try w.take("mask_decoder.upscale_conv1.bias", shape: [c1])
        // SamLayerNorm's default epsilon; the decoder does not pass the config's.
        norm = try LayerNormLayer(w, "mask_decoder.upscale_layer_norm", width: c1, epsilon: 1e-6)
        kernel2 = try w.take("mask_decoder.upscale_conv2.weight", shape: [c1, c2, 2, 2]).reshapedRows(4 * c2)
        bias2 = try w.take("mask_decoder.upscale_conv2.bias", shape: [c2])
    }

    /// `image` [B, side², C] (the decoder's updated image embedding), `hyper` [B, K, C/8] (every
    /// mask token's hypernetwork output), `selected` the mask tokens to output → [B, M, 4·side, 4·side].
    func masks(image: Tensor, side: Int, hyper: Tensor, selected: Range<Int>) -> Tensor {
        let batch = image.shape[0], c = image.shape[2], c1 = bias1.count, c2 = bias2.count
        let cells = side * side, pixels = 16 * cells, tokens = hyper.shape[1]
        return Tensor(uninitialized: [batch, selected.count, 4 * side, 4 * side]) { result in
            guard let out = result.baseAddress else { return }
            image.withUnsafeBufferPointer { pi in
                hyper.withUnsafeBufferPointer { ph in
                    kernel1.withUnsafeBufferPointer { k1 in
                        kernel2.withUnsafeBufferPointer { k2 in
                            bias1.withUnsafeBufferPointer { b1 in
                                bias2.withUnsafeBufferPointer { b2 in
                                    norm.weight.withUnsafeBufferPointer { nw in
                                        norm.bias.withUnsafeBufferPointer { nb in
                                            guard let x = pi.baseAddress, let h = ph.baseAddress, let w1 = k1.baseAddress,
                                                  let w2 = k2.baseAddress, let bb1 = b1.baseAddress, let bb2 = b2.baseAddress,
                                                  let g = nw.baseAddress, let beta = nb.baseAddress else { return }
                                            ParallelChunks.forEach(batch, minimumChunk: 1) { prompts in
                                                let blocks1 = UnsafeMutablePointer<Float>.allocate(capacity: cells * 4 * c1)
                                                let grid1 = UnsafeMutablePointer<Float>.allocate(capacity: 4 * cells * c1)
                                                let blocks2 = UnsafeMutablePointer<Float>.allocate(capacity: 4 * cells * 4 * c2)
                                                let grid2 = UnsafeMutablePointer<Float>.allocate(capacity: pixels * c2)
                                                defer { blocks1.deallocate(); grid1.deallocate(); blocks2.deallocate(); grid2.deallocate() }
                                                for b in prompts {
                                                    BLAS.sgemm(transA: false, transB: false, m: cells, n: 4 * c1, k: c,
                                                               a: x + b * cells * c, lda: c, b: w1, ldb: 4 * c1, c: blocks1, ldc: 4 * c1)
                                                    Self.scatter(blocks1, side: side, channels: c1, bias: bb1, into: grid1)
                                                    Tensor.layerNormRows(grid1, into: grid1, width: c1, rowCount: 4 * cells,
                                                                         weight: g, bias: beta, epsilon: norm.epsilon)
                                                    Activation.gelu.apply(to: grid1, count: 4 * cells * c1)
                                                    BLAS.sgemm(transA: false, transB: false, m: 4 * cells, n: 4 * c2, k: c1,
                                                               a: grid1, lda: c1, b: w2, ldb: 4 * c2, c: blocks2, ldc: 4 * c2)
                                                    Self.scatter(blocks2, side: 2 * side, channels: c2, bias: bb2, into: grid2)
                                                    Activation.gelu.apply(to: grid2, count: pixels * c2)
                                                    BLAS.sgemm(transA: false, transB: true, m: selected.count, n: pixels, k: c2,
                                                               a: h + (b * tokens + selected.lowerBound) * c2, lda: c2,
                                                               b: grid2, ldb: c2, c: out + b * selected.count * pixels, ldc: pixels)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A 2×2 stride-2 transposed convolution's GEMM output [side², (o, dy, dx)] plus bias, put
    /// at its pixels: [(2·side)², o] channel-last, raster order.
    static func scatter(_ blocks: UnsafePointer<Float>, side: Int, channels: Int, bias: UnsafePointer<Float>,
                        into grid: UnsafeMutablePointer<Float>) {
        let outSide = 2 * side
        for y in 0..<side {
            for x in 0..<side {
                let source = blocks + (y * side + x) * 4 * channels
                for dy in 0..<2 {
                    for dx in 0..<2 {
                        let target = grid + ((2 * y + dy) * outSide + 2 * x + dx) * channels
                        let tap = dy * 2 + dx
                        for o in 0..<channels { target[o] = source[o * 4 + tap] + bias[o] }
                    }
                }
            }
        }
    }
}
