import Foundation
import Testing
import ReMETensor

/// Shared helpers for the safetensors tests.
enum SafetensorsTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/safetensors").appendingPathComponent(relative).path
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reme-safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// File bytes from a header JSON text and a data section; `pad` adds spaces to a multiple of 8.
    static func file(header: String, data: [UInt8], pad: Bool = true) -> [UInt8] {
        var json = Array(header.utf8)
        if pad { json += Array(repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8) }
        return file(headerBytes: json, data: data)
    }

    static func file(headerBytes json: [UInt8], data: [UInt8], declaredLength: UInt64? = nil) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { bytes += $0 }
        return bytes + json + data
    }

    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    /// Opens `bytes` and returns the error it must throw.
    static func loadError(_ bytes: [UInt8], name: String = "bad.safetensors") -> SafetensorsError? {
        do {
            _ = try SafetensorsFile(bytes: bytes, name: name)
            return nil
        } catch {
            return error
        }
    }
}
