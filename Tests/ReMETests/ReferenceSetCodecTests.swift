import Foundation
import Testing
@testable import ReME
import ReMETestSupport

@Suite struct ReferenceSetCodecTests {
    func sample() throws -> ReferenceSet {
        var rng = SeededGenerator(seed: 21)
        var stats = StageStatistics()
        stats.finalPairs = 4
        stats.ambiguousDroppedRoots = ["scene"]
        return try ReferenceSet(
            segmentEmbeddings: try randomUnitRows(3, 5, using: &rng),
            labelEmbeddings: try randomUnitRows(2, 4, using: &rng),
            assignment: CSRAssignment(rows: 3, columns: 2, pairs: [(0, 1), (1, 0), (1, 1), (2, 0)]),
            phrases: ["a small cat", "the \"red\" car"], roots: ["cat", "car"], statistics: stats,
            provenance: ["visual": "facebook/dinov2-large", "images": "3"])
    }

    @Test func roundTripsThroughOneSafetensorsFile() throws {
        let r = try sample()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("refset-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ReferenceSetCodec.write(r, to: path)
        let back = try ReferenceSetCodec.read(path)
        #expect(back.segmentEmbeddings.scalars == r.segmentEmbeddings.scalars)
        #expect(back.labelEmbeddings.scalars == r.labelEmbeddings.scalars)
        #expect(back.assignment == r.assignment)
        #expect(back.phrases == r.phrases && back.roots == r.roots)
        #expect(back.statistics == r.statistics && back.provenance == r.provenance)
        let file = try SafetensorsFile(path: path)
        #expect(file.names == ["assign_indices", "assign_indptr", "label_embeddings", "segment_embeddings"])
        #expect(try file.info("assign_indptr").dtype == .i64)
    }

    @Test func halfPrecisionFileGivesAHalfIndex() throws {
        let r = try sample()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("refset-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ReferenceSetCodec.write(r, to: path, halfPrecisionSegments: true)
        let index = try ReferenceSetCodec.readIndex(path)
        guard case let .float16(h) = index.storage else { throw TestFailure.bad("expected half storage") }
        #expect(h.rows == 3 && h.columns == 5)
        let expected = r.segmentEmbeddings.scalars.map { Float(Float16($0)) }
        #expect(h.bits.map { HalfConversion.floatFromHalf($0) } == expected)
    }

    @Test func rejectsFilesThatAreNotReferenceSets() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var w = SafetensorsWriter(metadata: ["format": "pt"])
        try w.add("x", Tensor(zeros: [1]))
        try w.write(to: path)
        #expect(throws: MethodError.self) { try ReferenceSetCodec.read(path) }
    }
}
