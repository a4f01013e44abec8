import Testing
@testable import ReMETensor

/// Copies of a tensor share storage until one is written; a write never shows through another
/// copy, never copies storage the writer owns alone, and copies mapped memory on the first write.
@Suite struct TensorValueSemanticsTests {
    static let original: [Float] = [1, -2, 3, -4, 5, -6]

    /// Every in-place operation, named for failure messages.
    static let writes: [(String, @Sendable (inout Tensor) throws -> Void)] = [
        ("withUnsafeMutableBufferPointer", { t in t.withUnsafeMutableBufferPointer { $0[0] = 100 } }),
        ("subscript", { t in t[flat: 1] = 100 }),
        ("apply", { t in t.apply { $0 + 1 } }),
        ("add", { t in try t.add(Tensor(shape: t.shape, repeating: 1)) }),
        ("applyActivation", { t in t.applyActivation(.relu) }),
        ("softmaxLastAxisInPlace", { t in t.softmaxLastAxisInPlace() }),
        ("l2NormalizeRowsInPlace", { t in t.l2NormalizeRowsInPlace() }),
    ]

    @Test func writingACopyLeavesTheOriginalUnchanged() throws {
        for (name, write) in Self.writes {
            let a = try Tensor(shape: [2, 3], data: Self.original)
            var b = a
            #expect(b.buffer === a.buffer, "a copy shares storage until written (\(name))")
            try write(&b)
            #expect(a.scalars == Self.original, "\(name) changed the original")
            #expect(b.scalars != Self.original, "\(name) did not write")
            #expect(b.buffer !== a.buffer, "\(name) wrote shared storage")
        }
    }

    @Test func writingTheOriginalLeavesACopyUnchanged() throws {
        var a = try Tensor(shape: [2, 3], data: Self.original)
        let b = a
        a[flat: 0] = 100
        #expect(b.scalars == Self.original)
        #expect(a[flat: 0] == 100)
    }

    @Test func writingAReshapedViewLeavesTheOriginalUnchanged() throws {
        let a = try Tensor(shape: [2, 3], data: Self.original)
        var flat = try a.reshaped([6])
        #expect(flat.buffer === a.buffer, "reshaping does not copy")
        flat.apply { -$0 }
        #expect(a.scalars == Self.original)
        #expect(flat.scalars == Self.original.map { -$0 })
    }

    @Test func aUniquelyReferencedTensorIsWrittenInPlace() throws {
        for (name, write) in Self.writes {
            var t = try Tensor(shape: [2, 3], data: Self.original)
            let storage = ObjectIdentifier(t.buffer), address = t.buffer.pointer
            try write(&t)
            #expect(ObjectIdentifier(t.buffer) == storage, "\(name) replaced unshared storage")
            #expect(t.buffer.pointer == address, "\(name) moved unshared storage")
        }
    }

    @Test func aCopyThatWasDroppedNoLongerForcesACopy() throws {
        var t = try Tensor(shape: [2, 3], data: Self.original)
        do {
            let copy = t
            #expect(copy.buffer === t.buffer)
        }
        let address = t.buffer.pointer
        t.apply { $0 * 2 }
        #expect(t.buffer.pointer == address)
    }

    @Test func anOperationsFreshOutputIsWrittenInPlace() throws {
        let input = try Tensor(shape: [2, 3], data: Self.original)
        var out = input.map { $0 * 3 }
        let address = out.buffer.pointer
        out.applyActivation(.relu)
        #expect(out.buffer.pointer == address)
        #expect(out.scalars == [3, 0, 9, 0, 15, 0])
    }

    @Test func initializingWithWritesFreshStorage() {
        let t = Tensor(uninitialized: [2, 2]) { p in
            for i in p.indices { p[i] = Float(i) * 0.5 }
        }
        #expect(t.scalars == [0, 0.5, 1, 1.5])
        #expect(!t.isBorrowed)
        let empty = Tensor(uninitialized: [0, 4]) { p in #expect(p.baseAddress != nil && p.isEmpty) }
        #expect(empty.count == 0)
    }

    @Test func aMappedTensorIsReadInPlaceAndCopiedOnTheFirstWrite() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        let mapped = try file.tensor("f32")
        // Bit patterns: the fixture holds a NaN.
        let expected = mapped.scalars.map(\.bitPattern)
        let mappedAddress = mapped.withUnsafeBufferPointer { $0.baseAddress }
        // Reading twice sees the same mapped bytes: nothing was copied.
        #expect(try file.tensor("f32").withUnsafeBufferPointer { $0.baseAddress } == mappedAddress)
        #expect(mapped.isBorrowed)

        var written = mapped
        written.withUnsafeMutableBufferPointer { $0[0] = 42 }
        #expect(!written.isBorrowed)
        #expect(written.withUnsafeBufferPointer { $0.baseAddress } != mappedAddress)
        #expect(mapped.isBorrowed && mapped.scalars.map(\.bitPattern) == expected)
        #expect(try file.tensor("f32").scalars.map(\.bitPattern) == expected, "the mapping was written")

        // Once owned, later writes stay in place.
        let owned = written.buffer.pointer
        written[flat: 0] = 43
        #expect(written.buffer.pointer == owned)
    }

    @Test func aMappedTensorWithNoOtherReferenceIsStillCopiedOnWrite() throws {
        let file = try SafetensorsFile(path: SafetensorsTestSupport.fixture("dtypes.safetensors"))
        // Bit patterns: the fixture holds a NaN.
        let expected = try file.tensor("f32").scalars
        var t = try file.tensor("f32")
        t.apply { $0 + 1 }
        #expect(!t.isBorrowed)
        #expect(try file.tensor("f32").scalars.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(t.scalars.map(\.bitPattern) == expected.map { ($0 + 1).bitPattern })
    }
}
