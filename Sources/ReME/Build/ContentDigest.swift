import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The identity of some bytes (a file, a caption, a settings description): their XXH64 and
/// their length. Two digests differ whenever the bytes differ, except with probability about
/// 2⁻⁶⁴ per comparison (the length alone already tells truncations and appends apart).
/// Stored as the text `xxh64:<16 hex digits>:<length>`.
public struct ContentDigest: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hash: UInt64
    public let byteCount: UInt64

    public init(_ bytes: UnsafeRawBufferPointer) {
        hash = XXHash64.hash(bytes)
        byteCount = UInt64(bytes.count)
    }

    public init(_ data: Data) {
        self = data.withUnsafeBytes { ContentDigest($0) }
    }

    public init(_ text: String) {
        var copy = text
        self = copy.withUTF8 { ContentDigest(UnsafeRawBufferPointer($0)) }
    }

    init(hash: UInt64, byteCount: UInt64) {
        self.hash = hash
        self.byteCount = byteCount
    }

    /// Streams the file in 1 MiB reads; nil when it cannot be opened or read.
    public init?(contentsOfFile path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = XXHash64()
        var total: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += UInt64(n)
        }
        self.init(hash: hasher.finalize(), byteCount: total)
    }

    public var description: String {
        let hex = String(hash, radix: 16)
        return "xxh64:" + String(repeating: "0", count: 16 - hex.count) + hex + ":\(byteCount)"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: ":")
        guard parts.count == 3, parts[0] == "xxh64", parts[1].count == 16,
              let hash = UInt64(parts[1], radix: 16), let byteCount = UInt64(parts[2]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a content digest: \(text)"))
        }
        self.init(hash: hash, byteCount: byteCount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
