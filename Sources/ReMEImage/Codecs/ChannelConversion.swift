extension PixelImage {
    /// This image with the channel layout `target` (same conventions as PIL `convert`).
    public func converted(to target: ImageDecodingOptions.Channels) -> PixelImage {
        let outChannels: Int
        switch target {
        case .native: return self
        case .rgb: outChannels = 3
        case .rgba: outChannels = 4
        case .gray: outChannels = 1
        }
        if outChannels == channels { return self }
        let count = width * height
        let inChannels = channels
        let out = [UInt8](unsafeUninitializedCapacity: count * outChannels) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                guard let src = source.baseAddress, let dst = buffer.baseAddress else { return }
                for i in 0..<count {
                    let p = src + i * inChannels
                    let q = dst + i * outChannels
                    let hasColour = inChannels >= 3
                    let alpha: UInt8 = inChannels == 2 ? p[1] : (inChannels == 4 ? p[3] : 255)
                    switch outChannels {
                    case 1:
                        q[0] = hasColour ? Self.luma(p[0], p[1], p[2]) : p[0]
                    default:
                        if hasColour {
                            q[0] = p[0]; q[1] = p[1]; q[2] = p[2]
                        } else {
                            q[0] = p[0]; q[1] = p[0]; q[2] = p[0]
                        }
                        if outChannels == 4 { q[3] = alpha }
                    }
                }
            }
            initialized = count * outChannels
        }
        return PixelImage(width: width, height: height, channels: outChannels, pixels: out)
    }

    /// PIL's fixed-point ITU-R 601-2 luma: (19595 R + 38470 G + 7471 B + 2^15) >> 16.
    @inline(__always)
    static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let sum = UInt32(r) * 19595 + UInt32(g) * 38470 + UInt32(b) * 7471 + 0x8000
        return UInt8(truncatingIfNeeded: sum >> 16)
    }
}
