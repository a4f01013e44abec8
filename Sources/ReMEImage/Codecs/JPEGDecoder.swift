import CImage

/// Decodes baseline and progressive JPEGs (gray, YCbCr, RGB, CMYK/YCCK) with libjpeg-turbo,
/// using its defaults (islow DCT, fancy upsampling) exactly as PIL does.
public enum JPEGDecoder {
    /// Decodes to 8-bit pixels with the layout in `options` (`.native`: gray 1 channel, else RGB).
    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String = "<memory>",
                              options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) -> PixelImage {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else {
            throw .empty(source: source)
        }
        let reader = UnsafeMutablePointer<reme_jpeg_reader>.allocate(capacity: 1)
        defer {
            reme_jpeg_destroy(reader)
            reader.deallocate()
        }
        guard reme_jpeg_start(reader, base, UInt(bytes.count)) == 1 else {
            throw failure(reader, source: source)
        }
        let width = Int(reader.pointee.cinfo.output_width)
        let height = Int(reader.pointee.cinfo.output_height)
        let components = Int(reader.pointee.cinfo.output_components)
        guard width * height <= options.maxPixels else {
            throw .tooLarge(source: source, width: width, height: height, limit: options.maxPixels)
        }
        // Saved markers live in libjpeg's image pool, which jpeg_finish_decompress frees.
        let orientation = options.appliesEXIFOrientation ? exifOrientation(reader) : nil
        var ok: Int32 = 0
        var pixels = [UInt8](unsafeUninitializedCapacity: width * height * components) { buffer, initialized in
            if let out = buffer.baseAddress {
                ok = reme_jpeg_read_pixels(reader, out, width * components)
            }
            // Rows the decoder did not reach stay as allocated; the result is discarded on failure.
            initialized = width * height * components
        }
        guard ok == 1, reader.pointee.truncated == 0 else { throw failure(reader, source: source) }

        var channels = components
        if components == 4 {
            pixels = cmykToRGB(pixels, inverted: reader.pointee.cinfo.saw_Adobe_marker != 0)
            channels = 3
        }
        var image = PixelImage(width: width, height: height, channels: channels, pixels: pixels)
        if let orientation, orientation != .up {
            let turned = orientation.apply(image.pixels, width: width, height: height, channels: channels)
            image = PixelImage(width: turned.width, height: turned.height, channels: channels, pixels: turned.pixels)
        }
        return image.converted(to: options.channels)
    }

    private static func failure(_ reader: UnsafeMutablePointer<reme_jpeg_reader>, source: String) -> ImageError {
        let message = withUnsafeBytes(of: reader.pointee.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if reader.pointee.truncated != 0 {
            return .truncated(source: source, format: "JPEG", detail: message)
        }
        return .corrupt(source: source, format: "JPEG", detail: message.isEmpty ? "unknown libjpeg error" : message)
    }

    /// The orientation from the first APP1 marker that holds EXIF data.
    private static func exifOrientation(_ reader: UnsafeMutablePointer<reme_jpeg_reader>) -> EXIFOrientation? {
        var marker = reader.pointee.cinfo.marker_list
        while let current = marker {
            if current.pointee.marker == 0xE1, let data = current.pointee.data {
                let payload = UnsafeRawBufferPointer(start: data, count: Int(current.pointee.data_length))
                if let orientation = EXIFOrientation.parse(app1: payload) { return orientation }
            }
            marker = current.pointee.next
        }
        return nil
    }

    /// CMYK → RGB as PIL does: Adobe files store inverted ink values (PIL "CMYK;I"), and
    /// R = (255 − K) − C·(255 − K)/255 with PIL's rounding division by 255.
    static func cmykToRGB(_ cmyk: [UInt8], inverted: Bool) -> [UInt8] {
        let count = cmyk.count / 4
        return [UInt8](unsafeUninitializedCapacity: count * 3) { buffer, initialized in
            cmyk.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    var c = Int(source[4 * i]), m = Int(source[4 * i + 1])
                    var y = Int(source[4 * i + 2]), k = Int(source[4 * i + 3])
                    if inverted { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k }
                    let nk = 255 - k
                    buffer[3 * i] = UInt8(clamping: nk - mulDiv255(c, nk))
                    buffer[3 * i + 1] = UInt8(clamping: nk - mulDiv255(m, nk))
                    buffer[3 * i + 2] = UInt8(clamping: nk - mulDiv255(y, nk))
                }
            }
            initialized = count * 3
        }
    }

    @inline(__always)
    private static func mulDiv255(_ a: Int, _ b: Int) -> Int {
        let t = a * b + 128
        return ((t >> 8) + t) >> 8
    }
}
