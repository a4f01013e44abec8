import Foundation

/// The encoded formats this library reads, recognised by their leading bytes (never by file name).
public enum ImageFormat: String, Sendable {
    case jpeg = "JPEG"
    case png = "PNG"

    /// JPEG starts with the SOI marker FF D8 FF; PNG with its 8-byte signature.
    public static func sniff(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.count >= 8, bytes.prefix(8).elementsEqual(png) { return .png }
        return nil
    }
}

/// Reads a whole file, mapping every failure to `ImageError.unreadable`.
func readImageFile(_ path: String) throws(ImageError) -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(source: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadable(source: path, reason: "is a directory") }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw .unreadable(source: path, reason: error.localizedDescription)
    }
}

/// `Data.withUnsafeBytes` with a typed error (Foundation's version only rethrows `any Error`).
func withBytes<T>(of data: Data, _ body: (UnsafeRawBufferPointer) throws(ImageError) -> T) throws(ImageError) -> T {
    try data.withUnsafeBytes { raw in catching { () throws(ImageError) in try body(raw) } }.get()
}

/// Runs `body`, capturing its typed error, for closures of APIs that only rethrow `any Error`.
func catching<T>(_ body: () throws(ImageError) -> T) -> Result<T, ImageError> {
    do throws(ImageError) { return .success(try body()) } catch { return .failure(error) }
}

extension PixelImage {
    /// Decodes a JPEG or PNG held in memory, choosing the decoder by the leading bytes.
    public init(decoding bytes: UnsafeRawBufferPointer, source: String = "<memory>",
                options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) {
        guard !bytes.isEmpty else { throw .empty(source: source) }
        switch ImageFormat.sniff(bytes) {
        case .jpeg: self = try JPEGDecoder.decode(bytes, source: source, options: options)
        case .png: self = try PNGDecoder.decode(bytes, source: source, options: options)
        case nil:
            let lead = bytes.prefix(8).map { String(format: "%02X", $0) }.joined(separator: " ")
            throw .unknownFormat(source: source, leadingBytes: lead)
        }
    }

    public init(decoding data: Data, source: String = "<memory>",
                options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) {
        self = try withBytes(of: data) { (raw) throws(ImageError) -> PixelImage in
            try PixelImage(decoding: raw, source: source, options: options)
        }
    }

    /// Decodes the JPEG or PNG file at `path`.
    public init(contentsOfFile path: String, options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) {
        let data = try readImageFile(path)
        try self.init(decoding: data, source: path, options: options)
    }
}

extension FloatImage {
    /// Decodes to Float values 0…255 (same layout rules as `PixelImage`).
    public init(decoding data: Data, source: String = "<memory>",
                options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) {
        self.init(try PixelImage(decoding: data, source: source, options: options))
    }

    public init(contentsOfFile path: String, options: ImageDecodingOptions = ImageDecodingOptions()) throws(ImageError) {
        self.init(try PixelImage(contentsOfFile: path, options: options))
    }
}

extension UInt16Image {
    /// A PNG's samples as stored (16-bit kept, palette indices, no scaling); see `PNGDecoder.decodeSamples`.
    public init(pngSamplesOfFile path: String) throws(ImageError) {
        let data = try readImageFile(path)
        self = try Self.requirePNG(data, source: path) { (raw) throws(ImageError) in
            try PNGDecoder.decodeSamples(raw, source: path)
        }
    }

    /// A one-channel label map (palette indices or gray values) from a PNG file.
    public init(labelMapOfFile path: String) throws(ImageError) {
        let data = try readImageFile(path)
        self = try Self.requirePNG(data, source: path) { (raw) throws(ImageError) in
            try PNGDecoder.decodeLabelMap(raw, source: path)
        }
    }

    private static func requirePNG(_ data: Data, source: String,
                                   _ body: (UnsafeRawBufferPointer) throws(ImageError) -> UInt16Image) throws(ImageError) -> UInt16Image {
        try withBytes(of: data) { (raw) throws(ImageError) -> UInt16Image in
            guard !raw.isEmpty else { throw .empty(source: source) }
            guard ImageFormat.sniff(raw) == .png else {
                throw .unsupported(source: source, detail: "16-bit samples and label maps are read from PNG only")
            }
            return try body(raw)
        }
    }
}
