import CImage

/// Decodes PNGs of every colour type and bit depth (1/2/4/8/16-bit, palette with tRNS,
/// interlaced) with libpng. No gamma or colour-profile processing is applied, as in PIL.
public enum PNGDecoder {
    /// Decodes to 8-bit pixels: 16-bit samples keep their high byte (PIL does the same for
    /// RGB/RGBA), 1/2/4-bit gray is scaled to 0…255, palettes expand to RGB (RGBA with tRNS).
    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String = "<memory>",
                              options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) -> PixelImage {
        let stored = try readSamples(bytes, source: source, mode: 0, maxPixels: options.maxPixels)
        let image = PixelImage(width: stored.width, height: stored.height, channels: stored.channels,
                               pixels: stored.bytes)
        return image.converted(to: options.channels)
    }

    /// The samples exactly as stored, widened to UInt16: 16-bit values unchanged, 1/2/4-bit
    /// values unscaled, palette images as 1 channel of indices (tRNS ignored).
    public static func decodeSamples(_ bytes: UnsafeRawBufferPointer, source: String = "<memory>",
                                     maxPixels: Int = 1 << 28) throws(ImageError) -> UInt16Image {
        let stored = try readSamples(bytes, source: source, mode: 1, maxPixels: maxPixels)
        let count = stored.width * stored.height * stored.channels
        let values: [UInt16]
        if stored.bitDepth == 16 {
            values = [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
                stored.bytes.withUnsafeBytes { raw in
                    for i in 0..<count { buffer[i] = raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self) }
                }
                initialized = count
            }
        } else {
            values = stored.bytes.map(UInt16.init)
        }
        return UInt16Image(width: stored.width, height: stored.height, channels: stored.channels, pixels: values)
    }

    /// A single-channel label map: palette indices for indexed PNGs (VOC `SegmentationClass`),
    /// sample values for gray PNGs of any depth. Colour or alpha PNGs are refused.
    public static func decodeLabelMap(_ bytes: UnsafeRawBufferPointer, source: String = "<memory>",
                                      maxPixels: Int = 1 << 28) throws(ImageError) -> UInt16Image {
        let samples = try decodeSamples(bytes, source: source, maxPixels: maxPixels)
        guard samples.channels == 1 else {
            throw .unsupported(source: source, detail: "a label map must be a palette or gray PNG, found \(samples.channels) channels")
        }
        return samples
    }

    /// The palette of an indexed PNG as RGB triples plus one alpha per entry (255 without tRNS);
    /// empty for other colour types.
    public static func palette(_ bytes: UnsafeRawBufferPointer, source: String = "<memory>") throws(ImageError)
        -> (rgb: [UInt8], alpha: [UInt8]) {
        let reader = UnsafeMutablePointer<reme_png_reader>.allocate(capacity: 1)
        defer {
            reme_png_destroy(reader)
            reader.deallocate()
        }
        try start(reader, bytes, source: source, mode: 1)
        var rgb = [UInt8](repeating: 0, count: 768), alpha = [UInt8](repeating: 255, count: 256)
        let count = Int(reme_png_palette(reader, &rgb, &alpha))
        return (Array(rgb.prefix(3 * count)), Array(alpha.prefix(count)))
    }

    private struct StoredSamples {
        var width: Int, height: Int, channels: Int, bitDepth: Int
        var bytes: [UInt8]
    }

    private static func readSamples(_ bytes: UnsafeRawBufferPointer, source: String, mode: Int32,
                                    maxPixels: Int) throws(ImageError) -> StoredSamples {
        let reader = UnsafeMutablePointer<reme_png_reader>.allocate(capacity: 1)
        defer {
            reme_png_destroy(reader)
            reader.deallocate()
        }
        try start(reader, bytes, source: source, mode: mode)
        let width = Int(reader.pointee.width), height = Int(reader.pointee.height)
        guard width * height <= maxPixels else {
            throw .tooLarge(source: source, width: width, height: height, limit: maxPixels)
        }
        let channels = Int(reader.pointee.out_channels), bitDepth = Int(reader.pointee.out_bit_depth)
        let rowBytes = Int(reader.pointee.out_rowbytes)
        guard rowBytes == width * channels * bitDepth / 8 else {
            throw .unsupported(source: source, detail: "unexpected PNG row layout (\(rowBytes) bytes for \(width) pixels)")
        }
        var ok: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: rowBytes * height) { buffer, initialized in
            // Interlaced passes fill rows progressively, so start from zeros.
            if let out = buffer.baseAddress {
                out.initialize(repeating: 0, count: rowBytes * height)
                ok = reme_png_read_pixels(reader, out, rowBytes)
            }
            initialized = rowBytes * height
        }
        guard ok == 1 else { throw failure(reader, source: source) }
        return StoredSamples(width: width, height: height, channels: channels, bitDepth: bitDepth, bytes: pixels)
    }

    private static func start(_ reader: UnsafeMutablePointer<reme_png_reader>, _ bytes: UnsafeRawBufferPointer,
                              source: String, mode: Int32) throws(ImageError) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else {
            throw .empty(source: source)
        }
        guard reme_png_start(reader, base, bytes.count, mode) == 1 else { throw failure(reader, source: source) }
    }

    private static func failure(_ reader: UnsafeMutablePointer<reme_png_reader>, source: String) -> ImageError {
        let message = withUnsafeBytes(of: reader.pointee.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if reader.pointee.offset >= reader.pointee.size || message.contains("unexpected end") {
            return .truncated(source: source, format: "PNG", detail: message)
        }
        return .corrupt(source: source, format: "PNG", detail: message.isEmpty ? "unknown libpng error" : message)
    }
}
