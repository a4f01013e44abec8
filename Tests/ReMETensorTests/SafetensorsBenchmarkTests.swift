import Foundation
import Testing
import ReMETensor

/// Throughput figures for Benchmarks/safetensors.md. Off by default; run with
/// REME_BENCH_SAFETENSORS=1 swift test -c release --filter SafetensorsBenchmarkTests
@Suite struct SafetensorsBenchmarkTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["REME_BENCH_SAFETENSORS"] == "1" }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    @Test func conversionAndLoadThroughput() throws {
        guard Self.enabled else { return }
        let n = 1 << 24
        var rng = SplitMix64(seed: 3)
        let halves = (0..<n).map { _ in UInt16(truncatingIfNeeded: rng.next()) & 0x7BFF }
        let out = UnsafeMutablePointer<Float>.allocate(capacity: n)
        let copyTarget = UnsafeMutableRawPointer.allocate(byteCount: 4 * n, alignment: 64)
        let source = UnsafeMutableRawPointer.allocate(byteCount: 4 * n, alignment: 64)
        defer { out.deallocate(); copyTarget.deallocate(); source.deallocate() }
        source.initializeMemory(as: UInt8.self, repeating: 1, count: 4 * n)
        let memcpy = Self.seconds { copyTarget.copyMemory(from: source, byteCount: 4 * n) }
        let f16 = Self.seconds { halves.withUnsafeBytes { HalfConversion.convertHalf(from: $0.baseAddress!, to: out, count: n) } }
        #expect(out[0] == HalfConversion.floatFromHalf(halves[0]))
        let bf16 = Self.seconds { halves.withUnsafeBytes { HalfConversion.convertBFloat16(from: $0.baseAddress!, to: out, count: n) } }

        let dir = try SafetensorsTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("big.safetensors").path
        var w = SafetensorsWriter()
        try w.add("w", Tensor(shape: [n], repeating: 0.5))
        try w.add("h", Tensor(shape: [n], repeating: 0.5), as: .f16)
        let write = try Self.seconds { try w.write(to: path) }
        let readAll = try Self.seconds { _ = try Data(contentsOf: URL(fileURLWithPath: path)) }
        var borrowed = false
        let openView = try Self.seconds {
            let file = try SafetensorsFile(path: path)
            borrowed = try file.tensor("w").isBorrowed
        }
        #expect(borrowed)
        let openF16 = try Self.seconds { _ = try SafetensorsFile(path: path).tensor("h") }
        let mb = Double(4 * n) / 1e6
        print("""
        safetensors bench (n = \(n) elements, best of 5):
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

    func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
    func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.3f", a / b) }
}
