import Foundation
import Testing
import ReMETensor
import ReMETestSupport

/// Seeded random mutations of valid files. Each mutant must either load and then read
/// every tensor consistently, or throw `SafetensorsError` — never crash or read out of bounds.
@Suite struct SafetensorsFuzzTests {
    typealias S = SafetensorsTestSupport

    /// 5000 by default (about a second in debug); REME_SLOW_TESTS=1 runs 200 000.
    static let mutationCount = ProcessInfo.processInfo.environment["REME_SLOW_TESTS"] == "1" ? 200_000 : 5000

    static func seeds() throws -> [[UInt8]] {
        var w = SafetensorsWriter(metadata: ["a": "b", "c": "d"])
        try w.add("w", Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]))
        try w.add("h", Tensor(shape: [4], data: [1, 2, 3, 4]), as: .f16)
        try w.add("i", int64s: [1, 2, 3])
        try w.add("j", int32s: [7, 8])
        try w.add("s", Tensor(shape: [], data: [1]))
        try w.add("e", Tensor(zeros: [0, 2]))
        let python = try Data(contentsOf: URL(fileURLWithPath: S.fixture("dtypes.safetensors")))
        let shard = try Data(contentsOf: URL(fileURLWithPath: S.fixture("sharded/model-00002-of-00002.safetensors")))
        return [w.serialized(), Array(python), Array(shard)]
    }

    /// Splits a file into its header text and data section (seeds are valid files).
    static func split(_ bytes: [UInt8]) -> (header: [UInt8], data: [UInt8]) {
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        return (Array(bytes[8..<(8 + n)]), Array(bytes[(8 + n)...]))
    }

    static func mutate(_ seed: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        let (header, data) = split(seed)
        switch rng.next() % 7 {
        case 0:  // flip bytes in the header
            var h = header
            for _ in 0...(rng.next() % 4) where !h.isEmpty {
                h[Int(rng.next() % UInt64(h.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            return S.file(headerBytes: h, data: data)
        case 1:  // truncate anywhere
            return Array(seed.prefix(Int(rng.next() % UInt64(seed.count))))
        case 2:  // edit the header length field
            let deltas: [Int64] = [-9, -8, -1, 1, 7, 8, 1 << 20, Int64.max, Int64.min]
            let declared = Int64(header.count) &+ deltas[Int(rng.next() % UInt64(deltas.count))]
            return S.file(headerBytes: header, data: data, declaredLength: UInt64(bitPattern: declared))
        case 3:  // replace a number (shape extent or offset) with another
            return S.file(headerBytes: replaceNumber(header, &rng), data: data)
        case 4:  // replace a dtype
            return S.file(headerBytes: replaceDType(header, &rng), data: data)
        case 5:  // delete or insert a JSON-significant character
            var h = header
            let i = Int(rng.next() % UInt64(h.count))
            if rng.next() % 2 == 0 {
                h.remove(at: i)
            } else {
                let alphabet = Array("{}[],:\"0123456789-. e".utf8)
                h.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
            }
            return S.file(headerBytes: h, data: data)
        default:  // change the data section's length or content
            var d = data
            switch rng.next() % 3 {
            case 0: d.append(contentsOf: [UInt8](repeating: 0xAB, count: Int(rng.next() % 9) + 1))
            case 1: if !d.isEmpty { d.removeLast(Int(rng.next() % UInt64(min(d.count, 9))) + 1) }
            default: if !d.isEmpty { d[Int(rng.next() % UInt64(d.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            return S.file(headerBytes: header, data: d)
        }
    }

    static func replaceNumber(_ header: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < header.count {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(header[i]) {
                let start = i
                while i < header.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(header[i]) { i += 1 }
                runs.append(start..<i)
            } else {
                i += 1
            }
        }
        guard !runs.isEmpty else { return header }
        let run = runs[Int(rng.next() % UInt64(runs.count))]
        let old = Int(String(decoding: header[run], as: UTF8.self)) ?? 0
        let choices = [
            "0", "1", "-1", String(old + 1), String(old - 1), String(old + 4), String(old * 2),
            "9223372036854775807", "9223372036854775808", "4294967296", "18446744073709551616",
            "1e3", "2.5", "\"3\"", "null", "[]",
        ]
        var h = header
        h.replaceSubrange(run, with: Array(choices[Int(rng.next() % UInt64(choices.count))].utf8))
        return h
    }

    static func replaceDType(_ header: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        let names = SafetensorsDType.allCases.map(\.rawValue) + ["F4", "X", ""]
        var text = String(decoding: header, as: UTF8.self)
        let targets = names.filter { text.contains("\"dtype\":\"\($0)\"") && !$0.isEmpty }
        guard let from = targets.randomElement(using: &rng) else { return header }
        let to = names[Int(rng.next() % UInt64(names.count))]
        if let range = text.range(of: "\"dtype\":\"\(from)\"") {
            text.replaceSubrange(range, with: "\"dtype\":\"\(to)\"")
        }
        return Array(text.utf8)
    }

    /// Loads `bytes`; on success reads every tensor and checks the result against the header.
    static func exercise(_ bytes: [UInt8]) -> Bool {
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(bytes: bytes)
        } catch {
            #expect(!error.description.isEmpty)
            return false
        }
        var covered = 0
        for name in file.names {
            do {
                let info = try file.info(name)
                #expect(info.fileRange.upperBound <= bytes.count)
                #expect(info.fileRange.count == info.elementCount * info.dtype.size)
                covered += info.fileRange.count
                if info.dtype == .c64 {
                    #expect(throws: SafetensorsError.self) { try file.tensor(name) }
                } else {
                    let tensor = try file.tensor(name)
                    #expect(tensor.count == info.elementCount)
                    #expect(tensor.shape == info.shape)
                }
                #expect(try file.bytes(name).count == info.fileRange.count)
                if info.dtype.isInteger, info.dtype != .u64 {
                    #expect(try file.int64s(name).count == info.elementCount)
                }
            } catch {
                Issue.record("valid file failed to read '\(name)': \(error)")
            }
        }
        // The validated tensors tile the data section exactly.
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(covered == bytes.count - 8 - headerLength)
        // Loading again gives the same view.
        if let again = try? SafetensorsFile(bytes: bytes) {
            #expect(again.names == file.names && again.metadata == file.metadata)
        } else {
            Issue.record("second load of the same bytes failed")
        }
        return true
    }

    @Test func seedsAreValid() throws {
        for seed in try Self.seeds() { #expect(Self.exercise(seed)) }
    }

    @Test func randomMutationsNeverCrash() throws {
        let seeds = try Self.seeds()
        var rng = SeededGenerator(seed: 0x5AFE_7E45)
        var loaded = 0
        for _ in 0..<Self.mutationCount {
            let seed = seeds[Int(rng.next() % UInt64(seeds.count))]
            if Self.exercise(Self.mutate(seed, &rng)) { loaded += 1 }
        }
        // Both outcomes must actually occur, or the mutations test nothing.
        #expect(loaded > 0)
        #expect(loaded < Self.mutationCount)
        print("safetensors fuzz: \(Self.mutationCount) mutants, \(loaded) loaded, \(Self.mutationCount - loaded) rejected")
    }

    /// Writes 3000 mutants and this reader's verdicts for scripts/compare_safetensors_validation.py:
    /// REME_FUZZ_DUMP=/tmp/mutants swift test --filter dumpMutantsForPython
    @Test func dumpMutantsForPython() throws {
        guard let folder = ProcessInfo.processInfo.environment["REME_FUZZ_DUMP"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let seeds = try Self.seeds()
        var rng = SeededGenerator(seed: 0xD0_0D1E)
        var verdicts: [String] = []
        for i in 0..<3000 {
            let bytes = Self.mutate(seeds[Int(rng.next() % UInt64(seeds.count))], &rng)
            let name = String(format: "m%05d.safetensors", i)
            try Data(bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
            do {
                let file = try SafetensorsFile(bytes: bytes, name: name)
                verdicts.append("\(name)\tok\t" + file.names.joined(separator: ","))
            } catch {
                verdicts.append("\(name)\terror\t" + error.description.replacingOccurrences(of: "\n", with: " "))
            }
        }
        try Data((verdicts.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: folder).appendingPathComponent("verdicts.tsv"))
        #expect(verdicts.count == 3000)
    }
}
