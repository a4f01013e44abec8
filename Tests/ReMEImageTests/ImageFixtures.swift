import Foundation
import ReMEImage

/// Files made by scripts/make_image_fixtures.py, found relative to this source file.
enum ImageFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/images")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try data(name)) }

    static func uint16s(_ name: String) throws -> [UInt16] {
        let raw = try data(name)
        return (0..<raw.count / 2).map { UInt16(raw[raw.startIndex + 2 * $0]) | UInt16(raw[raw.startIndex + 2 * $0 + 1]) << 8 }
    }

    static func floats(_ name: String) throws -> [Float] {
        let raw = try data(name)
        return raw.withUnsafeBytes { buffer in
            (0..<raw.count / 4).map { Float(bitPattern: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
    }

    /// The 37×23 RGB photo crop every decode and resize fixture starts from.
    static func sourcePhoto() throws -> PixelImage {
        PixelImage(width: 37, height: 23, channels: 3, pixels: try bytes("rgb.37x23x3.u8"))
    }
}

func maxAbsDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    precondition(a.count == b.count)
    var m = 0
    for i in a.indices { m = max(m, abs(Int(a[i]) - Int(b[i]))) }
    return m
}

