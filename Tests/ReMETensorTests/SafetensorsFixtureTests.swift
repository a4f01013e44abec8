import Foundation
import Testing
import ReMETensor

/// Files written by the Python `safetensors` package, compared with values recorded
/// by scripts/make_safetensors_fixtures.py in dtypes.json.
@Suite struct SafetensorsFixtureTests {
    struct Expected {
        let dtype: String
        let shape: [Int]
        let raw: [NSNumber]
        /// nil where the converted value must be NaN (any payload); nil array: no conversion.
        let f32Bits: [UInt32?]?
    }

    static func sidecar() throws -> (metadata: [String: String], tensors: [String: Expected]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: SafetensorsTestSupport.fixture("dtypes.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let metadata = try #require(root["metadata"] as? [String: String])
        let entries = try #require(root["tensors"] as? [String: [String: Any]])
        var tensors: [String: Expected] = [:]
        for (name, entry) in entries {
            tensors[name] = Expected(
                dtype: try #require(entry["dtype"] as? String),
                shape: try #require(entry["shape"] as? [Int]),
                raw: try #require(entry["raw"] as? [NSNumber]),
                f32Bits: (entry["f32_bits"] as? [Any]).map { bits in bits.map { ($0 as? NSNumber).map { UInt32(truncating: $0) } } })
        }
        return (metadata, tensors)
    }

    @Test func headerMatchesPythonFile() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let (metadata, expected) = try Self.sidecar()
        #expect(file.metadata == metadata)
        #expect(file.names == expected.keys.sorted())
        for (name, want) in expected {
            let info = try file.info(name)
            #expect(info.dtype.rawValue == want.dtype, "\(name)")
            #expect(info.shape == want.shape, "\(name)")
            #expect(info.elementCount == want.shape.reduce(1, *), "\(name)")
        }
    }

    @Test func everyTensorConvertsToTheExactFloatBits() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let (_, expected) = try Self.sidecar()
        for (name, want) in expected {
            guard let wantBits = want.f32Bits else {
                #expect(throws: SafetensorsError.unsupportedConversion(
                    path: file.path, tensor: name, dtype: want.dtype, target: "Float32")) { try file.tensor(name) }
                continue
            }
            let tensor = try file.tensor(name)
            #expect(tensor.shape == want.shape, "\(name)")
            let got = tensor.scalars
            #expect(got.count == wantBits.count, "\(name)")
            for (i, (value, bits)) in zip(got, wantBits).enumerated() {
                if let bits {
                    #expect(value.bitPattern == bits, "\(name)[\(i)]: \(String(value.bitPattern, radix: 16)) != \(String(bits, radix: 16))")
                } else {
                    #expect(value.isNaN, "\(name)[\(i)] should be NaN")
                }
            }
        }
    }

    @Test func halfPrecisionRawBitsAreStoredAsRecorded() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let (_, expected) = try Self.sidecar()
        for name in ["f16", "bf16"] {
            let bytes = try file.bytes(name)
            let halves = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
            let want = try #require(expected[name]).raw.map { UInt16(truncating: $0) }
            #expect(halves == want)
        }
    }

    @Test func integerTensorsReadExactly() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let (_, expected) = try Self.sidecar()
        for name in ["i64", "i32", "u8", "i16", "i8", "bool"] {
            let want = try #require(expected[name]).raw.map { $0.int64Value }
            let got = try file.int64s(name)
            #expect(got == want, "\(name)")
        }
        for name in ["i32", "u8", "i16", "i8", "bool"] {
            let want = try #require(expected[name]).raw.map { Int32(truncating: $0) }
            let got = try file.int32s(name)
            #expect(got == want, "\(name)")
        }
        // I64 values beyond Int32 are refused rather than truncated.
        #expect(throws: SafetensorsError.valueOutOfRange(
            path: file.path, tensor: "i64", index: 2, target: "Int32")) { try file.int32s("i64") }
        #expect(throws: SafetensorsError.unsupportedConversion(
            path: file.path, tensor: "f32", dtype: "F32", target: "Int64")) { try file.int64s("f32") }
    }

    @Test func scalarAndZeroSizeTensors() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let scalar = try file.tensor("scalar")
        #expect(scalar.shape == [])
        #expect(scalar.scalars == [3.5])
        let empty = try file.tensor("empty")
        #expect(empty.shape == [0, 3])
        #expect(empty.count == 0)
    }

    @Test func alignedF32IsBorrowedFromTheMapping() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let f32 = try file.tensor("f32")
        #expect(f32.isBorrowed)
        #expect(try file.tensor("nested.name/with:odd chars").isBorrowed)
        // Converted dtypes get their own storage.
        #expect(!(try file.tensor("f16")).isBorrowed)
        // Mutating a borrowed tensor copies it; the mapping is never written.
        var copy = f32
        copy[flat: 0] = 42
        #expect(!copy.isBorrowed)
        #expect(try file.tensor("f32")[flat: 0] != 42)
    }

    @Test func borrowedTensorOutlivesTheFileObject() throws {
        var tensor: Tensor?
        do {
            let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
            tensor = try file.tensor("nested.name/with:odd chars")
        }
        #expect(tensor?.scalars == [0, 1, 2, 3])
    }

    @Test func missingTensorNamesTheFile() throws {
        let path = SafetensorsTestSupport.fixture("dtypes.safetensors")
        let file = try SafetensorsFile(path: path)
        #expect(throws: SafetensorsError.tensorNotFound(path: path, tensor: "nope")) { try file.tensor("nope") }
        #expect(!file.contains("nope"))
    }

    @Test func shardedCheckpointLooksUpAcrossShards() throws {
        let folder = SafetensorsTestSupport.fixture("sharded")
        let collection = try SafetensorsCollection(directory: folder)
        #expect(collection.files.count == 2)
        #expect(collection.names == ["decoder.ids", "decoder.weight", "encoder.bias", "encoder.weight"])
        #expect(try collection.tensor("encoder.weight").scalars == [0, 1, 2, 3, 4, 5])
        #expect(try collection.tensor("encoder.weight").shape == [2, 3])
        #expect(try collection.tensor("decoder.weight").scalars == [0, 1, 2, 3])
        #expect(try collection.int64s("decoder.ids") == [3, 1, 4])
        #expect(try collection.file(containing: "decoder.ids").path.hasSuffix("model-00002-of-00002.safetensors"))
        #expect(throws: SafetensorsError.self) { try collection.tensor("missing") }
    }

    @Test func singleFileCollection() throws {
        let collection = try SafetensorsCollection(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        #expect(collection.files.count == 1)
        #expect(try collection.tensor("scalar").scalars == [3.5])
    }
}
