import Foundation
@testable import ReMEImage

/// Reads the raw fixtures of Tests/Fixtures/segments (made by scripts/make_segments_fixtures.py).
enum SegmentFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/segments")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try data(name)) }

    static func int32s(_ name: String) throws -> [Int32] {
        try data(name).withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        }
    }

    static func uint16s(_ name: String) throws -> [UInt16] {
        try data(name).withUnsafeBytes { raw in
            (0..<(raw.count / 2)).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)) }
        }
    }

    static func floats(_ name: String) throws -> [Float] {
        try data(name).withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try data(name))
    }
}
