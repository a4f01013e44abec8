import Foundation
import Testing
import ReMETensor

@Suite struct SafetensorsWriterTests {
    typealias S = SafetensorsTestSupport

    /// The same tensors as scripts/make_safetensors_fixtures.py puts in numpy_written.safetensors.
    static func numpyFixtureWriter() throws -> SafetensorsWriter {
        var w = SafetensorsWriter(metadata: ["format": "np"])
        try w.add("weight", Tensor(shape: [2, 3], data: (0..<6).map { Float($0) * 0.5 - 1 }))
        try w.add("half", Tensor(shape: [6], data: [0, 1, -2.5, 65504, 1e-7, .infinity]), as: .f16)
        try w.add("ids", int64s: [0, 5, 1 << 40, -7])
        try w.add("indptr", int32s: [0, 2, 4])
        try w.add("mask", uint8s: [0, 1, 255, 7], shape: [2, 2])
        try w.add("scalar", Tensor(shape: [], data: [2.5]))
        try w.add("empty", Tensor(zeros: [0, 4]))
        return w
    }

    @Test func matchesThePythonWriterByteForByte() throws {
        let python = try Data(contentsOf: URL(fileURLWithPath: S.fixture("numpy_written.safetensors")))
        let swift = try Self.numpyFixtureWriter().serialized()
        #expect(swift == Array(python))
    }

    @Test func roundTripsEveryKind() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("round.safetensors").path
        let metadata = ["format": "pt", "quote\"key": "line\nbreak \u{e9} \\ \u{1}", "": ""]
        var w = SafetensorsWriter(metadata: metadata)
        let weights = try Tensor(shape: [3, 4], data: (0..<12).map { Float($0) * 0.37 - 2 })
        try w.add("w", weights)
        try w.add("h", Tensor(shape: [5], data: [0.1, -65504, 1e-6, .infinity, -0.0]), as: .f16)
        try w.add("b", Tensor(shape: [3], data: [1, -3.140625, 1e30]), as: .bf16)
        try w.add("i64", int64s: [Int64.min, -1, 0, Int64.max], shape: [2, 2])
        try w.add("i32", int32s: [Int32.min, 7, Int32.max])
        try w.add("u8", uint8s: [0, 128, 255])
        try w.add("scalar", Tensor(shape: [], data: [-7.5]))
        try w.add("zero", Tensor(zeros: [2, 0, 3]))
        try w.write(to: path)

        let f = try SafetensorsFile(path: path)
        #expect(f.metadata == metadata)
        #expect(f.names == ["b", "h", "i32", "i64", "scalar", "u8", "w", "zero"])
        #expect(try f.tensor("w").scalars == weights.scalars)
        #expect(try f.tensor("w").shape == [3, 4])
        #expect(try f.tensor("w").isBorrowed)
        let h = try f.tensor("h").scalars
        #expect(h.map(\.bitPattern) == [0.1, -65504, 1e-6, Float.infinity, -0.0].map {
            HalfConversion.floatFromHalf(HalfConversion.halfFromFloat($0)).bitPattern
        })
        #expect(try f.info("h").dtype == .f16)
        #expect(try f.tensor("b").scalars == [1, -3.140625, HalfConversion.floatFromBFloat16(HalfConversion.bfloat16FromFloat(1e30))])
        #expect(try f.int64s("i64") == [Int64.min, -1, 0, Int64.max])
        #expect(try f.info("i64").shape == [2, 2])
        #expect(try f.int32s("i32") == [Int32.min, 7, Int32.max])
        #expect(try f.bytes("u8") == [0, 128, 255])
        #expect(try f.tensor("scalar").scalars == [-7.5])
        #expect(try f.tensor("zero").shape == [2, 0, 3])
    }

    @Test func layoutIsPaddedAndAligned() throws {
        var w = SafetensorsWriter(metadata: ["k": "v"])
        try w.add("a", uint8s: [1, 2, 3])
        try w.add("b", Tensor(shape: [1], data: [1]), as: .f16)
        try w.add("c", Tensor(shape: [3], data: [1, 2, 3]))
        try w.add("d", int64s: [9])
        let bytes = w.serialized()
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0)
        #expect(bytes[8 + headerLength - 1] == UInt8(ascii: " ") || bytes[8 + headerLength - 1] == UInt8(ascii: "}"))
        let f = try SafetensorsFile(bytes: bytes)
        // Larger dtypes first, so each tensor starts at a multiple of its element size.
        let infos = try f.names.map { try f.info($0) }
        let order = infos.sorted { $0.dataOffsets.lowerBound < $1.dataOffsets.lowerBound }.map(\.name)
        #expect(order == ["d", "c", "b", "a"])
        for name in f.names {
            let info = try f.info(name)
            #expect(info.dataOffsets.lowerBound % info.dtype.size == 0)
        }
    }

    @Test func rejectsBadNamesAndShapes() throws {
        var w = SafetensorsWriter()
        try w.add("x", Tensor(zeros: [1]))
        #expect(throws: SafetensorsError.self) { try w.add("x", Tensor(zeros: [1])) }
        #expect(throws: SafetensorsError.self) { try w.add("__metadata__", Tensor(zeros: [1])) }
        #expect(throws: SafetensorsError.invalidWriteShape(path: "<safetensors writer>", tensor: "y", shape: [2, 2], count: 3)) {
            try w.add("y", int64s: [1, 2, 3], shape: [2, 2])
        }
        #expect(throws: SafetensorsError.self) { try w.add("z", int32s: [], shape: [-1, 0]) }
        #expect(w.names == ["x"])
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.safetensors").path
        var first = SafetensorsWriter()
        try first.add("v", Tensor(shape: [1], data: [1]))
        try first.write(to: path)
        // A reader holding the old mapping keeps seeing the old contents after the replace.
        let old = try SafetensorsFile(path: path)
        var second = SafetensorsWriter()
        try second.add("v", Tensor(shape: [2], data: [2, 3]))
        try second.write(to: path)
        #expect(try old.tensor("v").scalars == [1])
        #expect(try SafetensorsFile(path: path).tensor("v").scalars == [2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.safetensors"])
    }

    @Test func failedWriteLeavesNothingBehind() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The destination is a non-empty directory, so the final rename fails.
        let blocked = dir.appendingPathComponent("blocked.safetensors")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        try Data([1]).write(to: blocked.appendingPathComponent("keep"))
        var w = SafetensorsWriter()
        try w.add("v", Tensor(shape: [1], data: [1]))
        #expect(throws: SafetensorsError.self) { try w.write(to: blocked.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["blocked.safetensors"])
        // A missing directory is an io error naming the destination.
        let missing = dir.appendingPathComponent("no/such/x.safetensors").path
        do {
            try w.write(to: missing)
            Issue.record("write into a missing directory should fail")
        } catch {
            #expect(error.description.contains(missing))
        }
    }

    /// Writes the file scripts/check_safetensors_interop.py verifies with Python:
    /// REME_WRITE_INTEROP=/tmp/x.safetensors swift test --filter writeInteropFile
    @Test func writeInteropFile() throws {
        guard let path = ProcessInfo.processInfo.environment["REME_WRITE_INTEROP"] else { return }
        var w = SafetensorsWriter(metadata: [
            "format": "pt", "phrases": "[\"a cat\", \"\u{e9}t\u{e9}\"]", "note": "line\nbreak",
        ])
        try w.add("ramp", Tensor(shape: [3, 4], data: (0..<12).map { Float($0) * 0.25 - 1 }))
        try w.add("half", Tensor(shape: [6], data: [0, 1, -2.5, 65504, 1e-7, .infinity]), as: .f16)
        try w.add("brain", Tensor(shape: [3], data: [1, -3.140625, 0.1]), as: .bf16)
        try w.add("indices", int64s: [0, 5, 1 << 40, -7])
        try w.add("indptr", int32s: [0, 2, 4])
        try w.add("mask", uint8s: [0, 1, 255, 7], shape: [2, 2])
        try w.add("scalar", Tensor(shape: [], data: [2.5]))
        try w.add("empty", Tensor(zeros: [0, 4]))
        try w.write(to: path)
        #expect(try SafetensorsFile(path: path).names.count == 8)
    }
}
