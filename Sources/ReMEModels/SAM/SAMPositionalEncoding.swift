import Foundation
import ReMETensor

/// SAM's random-Fourier positional encoding (transformers' `SamPositionalEmbedding`, the
/// checkpoint's `shared_image_embedding.positional_embedding` [2, F]): a point (x, y) in
/// [0, 1]² becomes `[sin(2π·p), cos(2π·p)]` with `p = (2·(x, y) − 1)·G`, 2F channels.
struct SAMPositionalEncoding: Sendable {
    /// [2, F].
    var gaussian: Tensor

    var width: Int { 2 * gaussian.shape[1] }

    /// Writes the encoding of the normalised point (x, y) into `out[0..<2F]`.
    func encode(x: Float, y: Float, into out: UnsafeMutablePointer<Float>) {
        let features = gaussian.shape[1]
        let twoPi = Float(2 * Double.pi)
        let cx = 2 * x - 1, cy = 2 * y - 1
        gaussian.withUnsafeBufferPointer { g in
            for f in 0..<features {
                let p = twoPi * (cx * g[f] + cy * g[features + f])
                out[f] = sinf(p)
                out[features + f] = cosf(p)
            }
        }
    }

    /// The encoding of every cell centre of a `size`×`size` grid, [size², 2F] in raster order
    /// (transformers' `get_image_wide_positional_embeddings`, channel-last).
    func grid(size: Int) -> Tensor {
        Tensor(uninitialized: [size * size, width]) { out in
            guard let base = out.baseAddress else { return }
            for row in 0..<size {
                for column in 0..<size {
                    encode(x: (Float(column) + 0.5) / Float(size), y: (Float(row) + 0.5) / Float(size),
                           into: base + (row * size + column) * width)
                }
            }
        }
    }
}
