import Foundation

/// Reads the one kind of TIFF OVS tools write: a single-channel 8- or 16-bit grayscale label
/// map, uncompressed, in strips (what PIL's `Image.fromarray(uint16).save("x.tif")` produces,
/// e.g. CAT-Seg's ADE20K-847 and Pascal Context-459 annotations). Other TIFFs are refused
/// with a message saying what was found.
public enum TIFFLabelMapDecoder {
    public static func isTIFF(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && ((bytes[0] == 0x49 && bytes[1] == 0x49 && bytes[2] == 42 && bytes[3] == 0)
            || (bytes[0] == 0x4D && bytes[1] == 0x4D && bytes[2] == 0 && bytes[3] == 42))
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String) throws(ImageError) -> UInt16Image {
        guard isTIFF(bytes), bytes.count >= 8 else { throw .unknownFormat(source: source, leadingBytes: "not a TIFF") }
        let little = bytes[0] == 0x49
        func u16(_ o: Int) throws(ImageError) -> Int {
            guard o >= 0, o + 2 <= bytes.count else { throw .truncated(source: source, format: "TIFF", detail: "offset \(o)") }
            let a = Int(bytes[o]), b = Int(bytes[o + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ o: Int) throws(ImageError) -> Int {
            let lo = try u16(o), hi = try u16(o + 2)
            return little ? lo | hi << 16 : lo << 16 | hi
        }
        let ifd = try u32(4)
        let entries = try u16(ifd)
        guard entries > 0, entries < 1000 else { throw .corrupt(source: source, format: "TIFF", detail: "\(entries) IFD entries") }
        var tags: [Int: [Int]] = [:]
        for e in 0..<entries {
            let o = ifd + 2 + 12 * e
            let tag = try u16(o), type = try u16(o + 2), count = try u32(o + 4)
            let size = type == 3 ? 2 : type == 4 ? 4 : type == 1 ? 1 : 0
            guard size > 0, count >= 1, count <= 1 << 20 else { continue }
            let inline = size * count <= 4
            let base = inline ? o + 8 : try u32(o + 8)
            var values: [Int] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                switch size {
                case 1:
                    guard base + i < bytes.count else { throw .truncated(source: source, format: "TIFF", detail: "tag \(tag)") }
                    values.append(Int(bytes[base + i]))
                case 2: values.append(try u16(base + 2 * i))
                default: values.append(try u32(base + 4 * i))
                }
            }
            tags[tag] = values
        }
        guard let width = tags[256]?.first, let height = tags[257]?.first, width > 0, height > 0,
              width <= 1 << 16, height <= 1 << 16 else {
            throw .corrupt(source: source, format: "TIFF", detail: "missing or invalid image size")
        }
        let bits = tags[258]?.first ?? 1
        let compression = tags[259]?.first ?? 1
        let samples = tags[277]?.first ?? 1
        guard compression == 1 else {
            throw .unsupported(source: source, detail: "TIFF compression \(compression); save label maps uncompressed (or as PNG)")
        }
        guard samples == 1, bits == 8 || bits == 16 else {
            throw .unsupported(source: source, detail: "TIFF with \(samples) samples of \(bits) bits; expected one 8- or 16-bit channel")
        }
        guard let offsets = tags[273], let counts = tags[279], offsets.count == counts.count else {
            throw .corrupt(source: source, format: "TIFF", detail: "missing strip offsets")
        }
        let bytesPerSample = bits / 8
        var pixels = [UInt16](repeating: 0, count: width * height)
        var written = 0
        for (offset, count) in zip(offsets, counts) {
            guard offset >= 0, count >= 0, offset + count <= bytes.count else {
                throw .truncated(source: source, format: "TIFF", detail: "strip at \(offset) of \(count) bytes")
            }
            let n = min(count / bytesPerSample, pixels.count - written)
            for i in 0..<n {
                let o = offset + i * bytesPerSample
                pixels[written + i] = bytesPerSample == 1 ? UInt16(bytes[o]) : UInt16(try u16(o))
            }
            written += n
        }
        guard written == pixels.count else {
            throw .truncated(source: source, format: "TIFF", detail: "\(written) of \(pixels.count) pixels")
        }
        return UInt16Image(width: width, height: height, channels: 1, pixels: pixels)
    }

    public static func decode(contentsOfFile path: String) throws(ImageError) -> UInt16Image {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(source: path, reason: "no such file or not readable")
        }
        return try decode(data, source: path)
    }

    public static func decode(_ data: Data, source: String) throws(ImageError) -> UInt16Image {
        var result: Result<UInt16Image, ImageError> = .failure(.empty(source: source))
        data.withUnsafeBytes { raw in
            do throws(ImageError) { result = .success(try decode(raw, source: source)) } catch { result = .failure(error) }
        }
        return try result.get()
    }
}

extension UInt16Image {
    /// A one-channel label map from a PNG (palette indices or gray values) or an uncompressed
    /// 8/16-bit grayscale TIFF, chosen by the file's first bytes.
    public init(labelMapOfPNGOrTIFF path: String) throws(ImageError) {
        let head = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 4) } ?? Data()
        if head.withUnsafeBytes({ TIFFLabelMapDecoder.isTIFF($0) }) {
            self = try TIFFLabelMapDecoder.decode(contentsOfFile: path)
        } else {
            self = try UInt16Image(labelMapOfFile: path)
        }
    }
}
