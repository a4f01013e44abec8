import Foundation
import Testing
import ReMETensor

/// One test per kind of malformed file: each must throw its typed error, never crash.
@Suite struct SafetensorsValidationTests {
    typealias S = SafetensorsTestSupport
    let p = "bad.safetensors"

    /// A header with one F32 [2] tensor named "t" at `offsets`, over `dataCount` bytes.
    func oneTensor(_ entry: String, dataCount: Int = 8) -> [UInt8] {
        S.file(header: "{\"t\":\(entry)}", data: [UInt8](repeating: 0, count: dataCount))
    }

    @Test func fileShorterThanTheLengthField() {
        #expect(S.loadError([]) == .fileTooShort(path: p, size: 0))
        #expect(S.loadError([1, 0, 0, 0, 0, 0, 0]) == .fileTooShort(path: p, size: 7))
    }

    @Test func headerLengthPastTheEndOfFile() {
        let bytes = S.file(headerBytes: Array("{}".utf8), data: [], declaredLength: 100)
        #expect(S.loadError(bytes) == .headerPastEnd(path: p, declared: 100, available: 2))
    }

    @Test func absurdHeaderLength() {
        let bytes = S.file(headerBytes: Array("{}".utf8), data: [], declaredLength: UInt64.max)
        #expect(S.loadError(bytes) == .headerTooLarge(path: p, declared: UInt64.max, limit: 100_000_000))
        let big = S.file(headerBytes: Array("{}".utf8), data: [], declaredLength: 100_000_001)
        #expect(S.loadError(big) == .headerTooLarge(path: p, declared: 100_000_001, limit: 100_000_000))
    }

    @Test func invalidUTF8InAName() {
        let json: [UInt8] = Array("{\"".utf8) + [0xC3, 0x28] + Array("\":{}}".utf8)
        #expect(S.loadError(S.file(headerBytes: json, data: [])) == .invalidUTF8(path: p))
    }

    @Test func invalidUTF8OutsideStrings() {
        let json: [UInt8] = [UInt8(ascii: "{"), 0xFF, UInt8(ascii: "}")]
        guard case .invalidJSON(p, 1, _)? = S.loadError(S.file(headerBytes: json, data: [])) else {
            Issue.record("expected invalidJSON at byte 1")
            return
        }
    }

    @Test(arguments: [
        "{", "{\"a\":}", "{'a':1}", "{} x", "{\"a\":[1,]}", "{\"a\":01}", "{\"a\":\"\\q\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":tru}", "", "{\"a\":\"x\ny\"}", "{\"a\" 1}", "{\"a\":-}",
    ])
    func malformedJSON(_ header: String) {
        guard case .invalidJSON? = S.loadError(S.file(header: header, data: [], pad: false)) else {
            Issue.record("expected invalidJSON for \(header)")
            return
        }
    }

    @Test func deepNestingIsRejectedWithoutRecursingWithoutBound() {
        let header = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .invalidJSON(_, _, let reason)? = S.loadError(S.file(header: header, data: [])) else {
            Issue.record("expected invalidJSON")
            return
        }
        #expect(reason.contains("nesting"))
    }

    @Test(arguments: ["[]", "\"x\"", "3", "null", "true"])
    func headerNotAnObject(_ header: String) {
        #expect(S.loadError(S.file(header: header, data: [])) == .headerNotObject(path: p))
    }

    @Test func entryNotAnObject() {
        guard case .invalidEntry(p, "t", _)? = S.loadError(oneTensor("[1,2]")) else {
            Issue.record("expected invalidEntry")
            return
        }
    }

    @Test func entryMissingFields() {
        #expect(S.loadError(oneTensor("{\"shape\":[2],\"data_offsets\":[0,8]}"))
            == .missingField(path: p, tensor: "t", field: "dtype"))
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"data_offsets\":[0,8]}"))
            == .missingField(path: p, tensor: "t", field: "shape"))
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2]}"))
            == .missingField(path: p, tensor: "t", field: "data_offsets"))
    }

    @Test func entryFieldsOfTheWrongType() {
        #expect(S.loadError(oneTensor("{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}"))
            == .wrongFieldType(path: p, tensor: "t", field: "dtype", expected: "a string"))
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":\"2\",\"data_offsets\":[0,8]}"))
            == .wrongFieldType(path: p, tensor: "t", field: "shape", expected: "an array of non-negative integers"))
        for offsets in ["{\"a\":0}", "[0,8,8]", "[0]", "8"] {
            #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":\(offsets)}"))
                == .wrongFieldType(path: p, tensor: "t", field: "data_offsets",
                                   expected: "an array of two non-negative integers"))
        }
        guard case .invalidOffsets(p, "t", _)? =
            S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8.0]}")) else {
            Issue.record("expected invalidOffsets for a non-integer offset")
            return
        }
    }

    @Test func duplicateFieldInAnEntry() {
        guard case .invalidEntry(p, "t", _)? =
            S.loadError(oneTensor("{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}")) else {
            Issue.record("expected invalidEntry")
            return
        }
    }

    @Test(arguments: ["F4", "F6_E2M3", "float32", "f32", "C128", ""])
    func unknownDType(_ dtype: String) {
        #expect(S.loadError(oneTensor("{\"dtype\":\"\(dtype)\",\"shape\":[2],\"data_offsets\":[0,8]}"))
            == .unknownDType(path: p, tensor: "t", dtype: dtype))
    }

    @Test func negativeShape() {
        let error = S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}"))
        #expect(error == .invalidShape(path: p, tensor: "t", shape: "[-2]", reason: "dimension -2 is negative"))
    }

    @Test func nonIntegerShape() {
        for dims in ["[2.0]", "[\"2\"]", "[null]", "[100000000000000000000000]"] {
            guard case .invalidShape(p, "t", _, _)? =
                S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":\(dims),\"data_offsets\":[0,8]}")) else {
                Issue.record("expected invalidShape for \(dims)")
                continue
            }
        }
    }

    @Test func shapeWhoseProductOverflows() {
        // 2^32 · 2^32 overflows Int; the element count must not wrap around to a small number.
        let error = S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,0],\"data_offsets\":[0,0]}", dataCount: 0))
        #expect(error == .invalidShape(path: p, tensor: "t", shape: "[4294967296,4294967296,0]", reason: "element count overflows"))
        // 2^62 elements fit in Int, but 2^62 · 4 bytes does not.
        let bytes = S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}", dataCount: 0))
        #expect(bytes == .invalidShape(path: p, tensor: "t", shape: "[4611686018427387904]", reason: "byte size overflows"))
    }

    @Test func negativeOffsets() {
        guard case .invalidOffsets(p, "t", _)? =
            S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}")) else {
            Issue.record("expected invalidOffsets")
            return
        }
    }

    @Test func reversedOffsets() {
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}"))
            == .offsetsReversed(path: p, tensor: "t", begin: 8, end: 0))
    }

    @Test func offsetsOutsideTheDataSection() {
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}"))
            == .offsetsOutOfBounds(path: p, tensor: "t", begin: 4, end: 12, dataSize: 8))
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,9223372036854775807]}"))
            == .offsetsOutOfBounds(path: p, tensor: "t", begin: 0, end: Int.max, dataSize: 8))
    }

    @Test func offsetsDisagreeWithShapeAndDType() {
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}"))
            == .sizeMismatch(path: p, tensor: "t", dtype: "F32", shape: [3], expectedBytes: 12, actualBytes: 8))
        #expect(S.loadError(oneTensor("{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}"))
            == .sizeMismatch(path: p, tensor: "t", dtype: "F16", shape: [2], expectedBytes: 4, actualBytes: 8))
    }

    @Test func overlappingTensors() {
        let header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}"
        #expect(S.loadError(S.file(header: header, data: [UInt8](repeating: 0, count: 12)))
            == .overlap(path: p, tensor: "b", other: "a"))
        // An empty tensor placed inside another also breaks the tiling.
        let inside = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}"
        #expect(S.loadError(S.file(header: inside, data: [UInt8](repeating: 0, count: 8)))
            == .overlap(path: p, tensor: "e", other: "a"))
    }

    @Test func holeBetweenTensors() {
        let header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}"
        #expect(S.loadError(S.file(header: header, data: [UInt8](repeating: 0, count: 12)))
            == .gap(path: p, tensor: "b", start: 8, expected: 4))
    }

    @Test func trailingBytesAfterTheLastTensor() {
        #expect(S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"))
            == .trailingBytes(path: p, used: 4, dataSize: 8))
        #expect(S.loadError(S.file(header: "{}", data: [1])) == .trailingBytes(path: p, used: 0, dataSize: 1))
    }

    @Test func duplicateTensorNames() {
        let header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}"
        #expect(S.loadError(S.file(header: header, data: [UInt8](repeating: 0, count: 8)))
            == .duplicateName(path: p, tensor: "a"))
    }

    @Test func malformedMetadata() {
        #expect(S.loadError(S.file(header: "{\"__metadata__\":{\"k\":1}}", data: []))
            == .invalidMetadata(path: p, key: "k", reason: "value must be a string, found a number"))
        #expect(S.loadError(S.file(header: "{\"__metadata__\":[\"k\"]}", data: []))
            == .invalidMetadata(path: p, key: nil, reason: "must be an object of strings, found an array"))
        #expect(S.loadError(S.file(header: "{\"__metadata__\":{},\"__metadata__\":{}}", data: []))
            == .invalidMetadata(path: p, key: nil, reason: "appears more than once"))
        // null metadata is accepted as empty.
        #expect(S.loadError(S.file(header: "{\"__metadata__\":null}", data: [])) == nil)
    }

    @Test func errorDescriptionsNameFileAndTensor() {
        let error = S.loadError(oneTensor("{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}"), name: "/m/w.safetensors")
        let text = error?.description ?? ""
        #expect(text.contains("/m/w.safetensors"))
        #expect(text.contains("'t'"))
        #expect(text.contains("12"))
    }

    @Test func minimalValidFilesLoad() throws {
        let empty = try SafetensorsFile(bytes: S.file(header: "{}", data: []))
        #expect(empty.names.isEmpty)
        // Unknown entry fields are ignored, as the reference implementation does; escapes decode.
        let header = "{\"a\\u00e9\\n\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":{\"x\":[1]}}}"
        let file = try SafetensorsFile(bytes: S.file(header: header, data: S.floatBytes([1.5, -2])))
        #expect(file.names == ["a\u{e9}\n"])
        #expect(try file.tensor("a\u{e9}\n").scalars == [1.5, -2])
    }

    @Test func unalignedF32IsCopiedAndCorrect() throws {
        // A 3-byte header padded with nothing puts the data at file offset 11.
        let header = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"
        var json = Array(header.utf8)
        while (8 + json.count) % 4 != 1 { json.append(UInt8(ascii: " ")) }
        let file = try SafetensorsFile(bytes: S.file(headerBytes: json, data: S.floatBytes([3.25, -0.5])))
        let t = try file.tensor("t")
        #expect(!t.isBorrowed)
        #expect(t.scalars == [3.25, -0.5])
    }

    @Test func filesystemErrors() throws {
        let missing = "/nonexistent/dir/x.safetensors"
        guard case .io(missing, "open", _)? = Self.openError(missing) else {
            Issue.record("expected an open error")
            return
        }
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .io? = Self.openError(dir.path) else {
            Issue.record("expected an error for a directory")
            return
        }
        let truncated = dir.appendingPathComponent("short.safetensors").path
        let full = try Data(contentsOf: URL(fileURLWithPath: S.fixture("dtypes.safetensors")))
        try full.prefix(full.count - 3).write(to: URL(fileURLWithPath: truncated))
        guard case .offsetsOutOfBounds(truncated, _, _, _, _)? = Self.openError(truncated) else {
            Issue.record("expected the truncated file to fail bounds validation")
            return
        }
        let emptyFile = dir.appendingPathComponent("empty.safetensors").path
        try Data().write(to: URL(fileURLWithPath: emptyFile))
        #expect(Self.openError(emptyFile) == .fileTooShort(path: emptyFile, size: 0))
    }

    static func openError(_ path: String) -> SafetensorsError? {
        do {
            _ = try SafetensorsFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func shardIndexErrors() throws {
        let dir = try S.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shard = dir.appendingPathComponent("a.safetensors").path
        var writer = SafetensorsWriter()
        try writer.add("x", Tensor(shape: [1], data: [1]))
        try writer.write(to: shard)
        let cases: [(String, String)] = [
            ("{\"weight_map\":{\"x\":\"../a.safetensors\"}}", "not a file name"),
            ("{\"weight_map\":{\"y\":\"a.safetensors\"}}", "not in its shard"),
            ("{\"weight_map\":{\"x\":3}}", "must be a string"),
            ("{\"metadata\":{}}", "no 'weight_map'"),
            ("[1]", "top level"),
            ("{\"weight_map\":", "not valid JSON"),
        ]
        for (index, reason) in cases {
            let path = dir.appendingPathComponent("model.safetensors.index.json").path
            try Data(index.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try SafetensorsCollection(path: path)
                Issue.record("index \(index) should fail")
            } catch {
                #expect(error.description.contains(reason), "\(error)")
            }
        }
        let missingShard = dir.appendingPathComponent("m.index.json").path
        try Data("{\"weight_map\":{\"x\":\"gone.safetensors\"}}".utf8).write(to: URL(fileURLWithPath: missingShard))
        #expect(throws: SafetensorsError.self) { try SafetensorsCollection(path: missingShard) }
    }
}
