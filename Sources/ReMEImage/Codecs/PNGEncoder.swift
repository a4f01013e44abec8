import CImage
import Foundation

/// Encodes 8-bit gray / gray+alpha / RGB / RGBA, 16-bit gray (segment ids) and indexed
/// (palette) PNGs with libpng (zlib level 6, adaptive filtering, no interlace).
public enum PNGEncoder {
    public static func encode(_ image: PixelImage) throws(ImageError) -> Data {
        let colorType: Int32
        switch image.channels {
        case 1: colorType = PNG_COLOR_TYPE_GRAY
        case 2: colorType = PNG_COLOR_TYPE_GRAY_ALPHA
        case 3: colorType = PNG_COLOR_TYPE_RGB
        case 4: colorType = PNG_COLOR_TYPE_RGB_ALPHA
        default: throw .invalidArgument("PNG needs 1 to 4 channels, got \(image.channels)")
        }
        return try image.pixels.withUnsafeBytes { raw in
            catching { () throws(ImageError) in
                try encode(raw, width: image.width, height: image.height, rowBytes: image.width * image.channels,
                           bitDepth: 8, colorType: colorType)
            }
        }.get()
    }

    /// 16-bit gray (1 channel) or 16-bit RGB / RGBA (3 / 4 channels).
    public static func encode(_ image: UInt16Image) throws(ImageError) -> Data {
        let colorType: Int32
        switch image.channels {
        case 1: colorType = PNG_COLOR_TYPE_GRAY
        case 3: colorType = PNG_COLOR_TYPE_RGB
        case 4: colorType = PNG_COLOR_TYPE_RGB_ALPHA
        default: throw .invalidArgument("16-bit PNG needs 1, 3 or 4 channels, got \(image.channels)")
        }
        return try image.pixels.withUnsafeBytes { raw in
            catching { () throws(ImageError) in
                try encode(raw, width: image.width, height: image.height, rowBytes: 2 * image.width * image.channels,
                           bitDepth: 16, colorType: colorType)
            }
        }.get()
    }

    /// An 8-bit indexed PNG: `indices` holds one palette index per pixel (1 channel),
    /// `palette` RGB triples (1 to 256 entries, e.g. `VOCPalette.colors(count: 256)`).
    public static func encodeIndexed(_ indices: PixelImage, palette: [UInt8]) throws(ImageError) -> Data {
        guard indices.channels == 1 else {
            throw .invalidArgument("an indexed PNG needs 1 channel of indices, got \(indices.channels)")
        }
        let entries = palette.count / 3
        guard palette.count % 3 == 0, (1...256).contains(entries) else {
            throw .invalidArgument("palette must hold 1 to 256 RGB triples, got \(palette.count) values")
        }
        if let largest = indices.pixels.max(), Int(largest) >= entries {
            throw .invalidArgument("index \(largest) is outside the \(entries)-entry palette")
        }
        return try indices.pixels.withUnsafeBytes { raw in
            palette.withUnsafeBufferPointer { colors in
                catching { () throws(ImageError) in
                    try encode(raw, width: indices.width, height: indices.height, rowBytes: indices.width, bitDepth: 8,
                               colorType: PNG_COLOR_TYPE_PALETTE, palette: colors.baseAddress, paletteCount: entries)
                }
            }
        }.get()
    }

    private static func encode(_ raw: UnsafeRawBufferPointer, width: Int, height: Int, rowBytes: Int, bitDepth: Int32,
                               colorType: Int32, palette: UnsafePointer<UInt8>? = nil,
                               paletteCount: Int = 0) throws(ImageError) -> Data {
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw .invalidArgument("PNG size must be at least 1×1, got \(width)×\(height)")
        }
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw .invalidArgument("no pixel data")
        }
        let writer = UnsafeMutablePointer<reme_png_writer>.allocate(capacity: 1)
        defer {
            reme_png_writer_free(writer)
            writer.deallocate()
        }
        let ok = reme_png_encode(writer, base, rowBytes, png_uint_32(width), png_uint_32(height), bitDepth, colorType,
                                 palette, Int32(paletteCount))
        guard ok == 1, let data = writer.pointee.data else {
            let message = withUnsafeBytes(of: writer.pointee.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw .writeFailed(destination: "<memory>", reason: "libpng: \(message)")
        }
        return Data(bytes: data, count: writer.pointee.size)
    }
}

/// Writes `data` to a temporary file beside `path` and renames it over `path`, so readers
/// never see a partial file and a failure leaves nothing behind.
public func writeFileAtomically(_ data: Data, to path: String) throws(ImageError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp")
    do {
        try data.write(to: temporary)
    } catch {
        throw .writeFailed(destination: path, reason: error.localizedDescription)
    }
    guard rename(temporary.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw .writeFailed(destination: path, reason: reason)
    }
}

extension PixelImage {
    /// Writes this image as an 8-bit PNG (atomically).
    public func writePNG(to path: String) throws(ImageError) {
        try writeFileAtomically(try PNGEncoder.encode(self), to: path)
    }

    /// Writes this one-channel image of indices as an indexed PNG with `palette` (atomically).
    public func writeIndexedPNG(to path: String, palette: [UInt8] = VOCPalette.colors(count: 256)) throws(ImageError) {
        try writeFileAtomically(try PNGEncoder.encodeIndexed(self, palette: palette), to: path)
    }
}

extension UInt16Image {
    /// Writes this image as a 16-bit PNG (atomically).
    public func writePNG(to path: String) throws(ImageError) {
        try writeFileAtomically(try PNGEncoder.encode(self), to: path)
    }
}
