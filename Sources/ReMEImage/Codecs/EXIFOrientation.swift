/// The EXIF orientation tag (0x0112): how the stored pixels must be turned to display upright.
public enum EXIFOrientation: Int, Sendable, CaseIterable {
    case up = 1, mirrored = 2, rotated180 = 3, flippedVertically = 4
    case transposed = 5, rotatedClockwise = 6, transversed = 7, rotatedCounterClockwise = 8

    /// Reads IFD0's orientation from an APP1 payload ("Exif\0\0" + TIFF). Nil when the payload
    /// is not EXIF, is malformed, or has no valid orientation (treated as `.up` by callers).
    public static func parse(app1 payload: UnsafeRawBufferPointer) -> EXIFOrientation? {
        let signature: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]  // "Exif\0\0"
        guard payload.count >= 6 + 8, payload.prefix(6).elementsEqual(signature) else { return nil }
        let tiff = UnsafeRawBufferPointer(rebasing: payload[6...])
        let littleEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): littleEndian = true   // "II"
        case (0x4D, 0x4D): littleEndian = false  // "MM"
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            let a = Int(tiff[at]), b = Int(tiff[at + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func u32(_ at: Int) -> Int? {
            guard let lo = u16(littleEndian ? at : at + 2), let hi = u16(littleEndian ? at + 2 : at) else { return nil }
            return hi << 16 | lo
        }
        guard u16(2) == 42, let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for index in 0..<entries {
            let entry = ifd + 2 + 12 * index
            guard let tag = u16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            guard u16(entry + 2) == 3, let value = u16(entry + 8) else { return nil }  // SHORT
            return EXIFOrientation(rawValue: value)
        }
        return nil
    }

    /// Whether displaying needs width and height swapped.
    public var swapsAxes: Bool { rawValue >= 5 }
}

extension EXIFOrientation {
    /// Rearranges interleaved pixels so the image displays upright, as PIL's
    /// `ImageOps.exif_transpose` does (2 flip left-right, 3 rotate 180, 4 flip top-bottom,
    /// 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise).
    /// Returns the new pixels with the output width and height.
    func apply<T>(_ pixels: [T], width: Int, height: Int, channels: Int) -> (pixels: [T], width: Int, height: Int) {
        if self == .up || pixels.isEmpty { return (pixels, width, height) }
        let outWidth = swapsAxes ? height : width, outHeight = swapsAxes ? width : height
        // Source position of output (x, y) is (x0 + xx*x + xy*y, y0 + yx*x + yy*y).
        let (x0, xx, xy, y0, yx, yy): (Int, Int, Int, Int, Int, Int)
        switch self {
        case .up: (x0, xx, xy, y0, yx, yy) = (0, 1, 0, 0, 0, 1)
        case .mirrored: (x0, xx, xy, y0, yx, yy) = (width - 1, -1, 0, 0, 0, 1)
        case .rotated180: (x0, xx, xy, y0, yx, yy) = (width - 1, -1, 0, height - 1, 0, -1)
        case .flippedVertically: (x0, xx, xy, y0, yx, yy) = (0, 1, 0, height - 1, 0, -1)
        case .transposed: (x0, xx, xy, y0, yx, yy) = (0, 0, 1, 0, 1, 0)
        case .rotatedClockwise: (x0, xx, xy, y0, yx, yy) = (0, 0, 1, height - 1, -1, 0)
        case .transversed: (x0, xx, xy, y0, yx, yy) = (width - 1, 0, -1, height - 1, -1, 0)
        case .rotatedCounterClockwise: (x0, xx, xy, y0, yx, yy) = (width - 1, 0, -1, 0, 1, 0)
        }
        var out = pixels
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var o = 0
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let sx = x0 + xx * x + xy * y, sy = y0 + yx * x + yy * y
                        let s = (sy * width + sx) * channels
                        for c in 0..<channels { dst[o + c] = src[s + c] }
                        o += channels
                    }
                }
            }
        }
        return (out, outWidth, outHeight)
    }
}
