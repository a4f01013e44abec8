import ReMETensor

/// SAM's decomposed relative position tables (transformers' `SamVisionAttention.get_rel_pos`):
/// for query and key sizes along one axis, the embedding of every (query, key) offset.
enum SAMRelativePositions {
    /// `relPos` [L, C] resampled to `2·max(q, k) − 1` rows when L differs (linear interpolation,
    /// `align_corners=False`, as `F.interpolate`), then gathered at the scaled offsets:
    /// [querySize, keySize, C].
    static func table(_ relPos: Tensor, querySize q: Int, keySize k: Int) -> Tensor {
        let length = relPos.shape[0], channels = relPos.shape[1]
        let target = 2 * max(q, k) - 1
        let resized = length == target ? relPos : interpolate(relPos, to: target)
        let qScale = max(Double(k) / Double(q), 1), kScale = max(Double(q) / Double(k), 1)
        return resized.withUnsafeBufferPointer { src in
            Tensor(uninitialized: [q, k, channels]) { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for i in 0..<q {
                    for j in 0..<k {
                        // `.long()` truncates toward zero; the offset is never negative.
                        let offset = Int(Double(i) * qScale - Double(j) * kScale + Double(k - 1) * kScale)
                        (d + (i * k + j) * channels).initialize(from: s + offset * channels, count: channels)
                    }
                }
            }
        }
    }

    /// Linear resampling of the rows of [L, C] to `target` rows (PyTorch's source index
    /// `(i + 0.5)·L/target − 0.5`, clamped at 0).
    static func interpolate(_ table: Tensor, to target: Int) -> Tensor {
        let length = table.shape[0], channels = table.shape[1]
        let scale = Float(length) / Float(target)
        return table.withUnsafeBufferPointer { src in
            Tensor(uninitialized: [target, channels]) { dst in
                for i in 0..<target {
                    let source = max(0, (Float(i) + 0.5) * scale - 0.5)
                    let lower = min(Int(source), length - 1), upper = min(lower + 1, length - 1)
                    let t = source - Float(lower)
                    for c in 0..<channels {
                        dst[i * channels + c] = (1 - t) * src[lower * channels + c] + t * src[upper * channels + c]
                    }
                }
            }
        }
    }
}
