import ArgumentParser
import Foundation
import ReME
import ReMETensor

/// `reme-bench safetensors`: half-precision conversion and safetensors load/write throughput,
/// each against a baseline measured in the same run (Benchmarks/safetensors.md).
struct SafetensorsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safetensors", abstract: "F16/BF16 conversion and safetensors load/write throughput.")

    @Option(help: "Elements per tensor (log2).") var log2Elements = 24
    @Option(help: "Runs per operation (the best is reported).") var repeats = 5

    func run() throws {
        let n = 1 << log2Elements
        var rng = SplitMix64(state: 3)
        let halves = (0..<n).map { _ in UInt16(truncatingIfNeeded: rng.next()) & 0x7BFF }
        let out = UnsafeMutablePointer<Float>.allocate(capacity: n)
        let copyTarget = UnsafeMutableRawPointer.allocate(byteCount: 4 * n, alignment: 64)
        let source = UnsafeMutableRawPointer.allocate(byteCount: 4 * n, alignment: 64)
        defer { out.deallocate(); copyTarget.deallocate(); source.deallocate() }
        source.initializeMemory(as: UInt8.self, repeating: 1, count: 4 * n)
        func best(_ body: () throws -> Void) rethrows -> Double { try bestTime(repeats: repeats, body).wall }
        let memcpy = best { copyTarget.copyMemory(from: source, byteCount: 4 * n) }
        let f16 = best { halves.withUnsafeBytes { HalfConversion.convertHalf(from: $0.baseAddress!, to: out, count: n) } }
        let bf16 = best { halves.withUnsafeBytes { HalfConversion.convertBFloat16(from: $0.baseAddress!, to: out, count: n) } }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reme-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.safetensors").path
        var writer = SafetensorsWriter()
        try writer.add("w", Tensor(shape: [n], repeating: 0.5))
        try writer.add("h", Tensor(shape: [n], repeating: 0.5), as: .f16)
        let write = try best { try writer.write(to: path) }
        let readAll = try best { _ = try Data(contentsOf: URL(fileURLWithPath: path)) }
        var borrowed = false
        let openView = try best { borrowed = try SafetensorsFile(path: path).tensor("w").isBorrowed }
        guard borrowed else { throw ValidationError("the F32 tensor was copied instead of read in place") }
        let openF16 = try best { _ = try SafetensorsFile(path: path).tensor("h") }

        let mb = Double(4 * n) / 1e6
        func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
        func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.3f", a / b) }
        print("""
        safetensors bench (n = \(n) elements, best of \(repeats)):
        | operation | time | throughput | ratio to baseline |
        | --- | --- | --- | --- |
        | memcpy 4n bytes (baseline) | \(ms(memcpy)) | \(Int(mb / memcpy)) MB/s out | 1.00 |
        | F16 → F32 convert | \(ms(f16)) | \(Int(mb / f16)) MB/s out | \(ratio(f16, memcpy)) |
        | BF16 → F32 convert | \(ms(bf16)) | \(Int(mb / bf16)) MB/s out | \(ratio(bf16, memcpy)) |
        | Data(contentsOf:) whole 6n-byte file (baseline) | \(ms(readAll)) | | 1.00 |
        | open + validate + F32 tensor view | \(ms(openView)) | | \(ratio(openView, readAll)) |
        | open + validate + F16 tensor (converted) | \(ms(openF16)) | | \(ratio(openF16, readAll)) |
        | write F32 + F16 atomically (fsync) | \(ms(write)) | | \(ratio(write, readAll)) |
        """)
    }
}
