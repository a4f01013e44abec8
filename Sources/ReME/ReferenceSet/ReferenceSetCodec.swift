import Foundation
import ReMETensor

/// Reads and writes a reference set as one safetensors file that numpy / PyTorch users can
/// open without this program:
///
/// - `segment_embeddings` F32 (or F16) `[m, d1]`, `label_embeddings` F32 `[n, d2]`,
///   `assign_indptr` I64 `[m + 1]`, `assign_indices` I64 `[nnz]` (CSR rows of `O_ref`,
///   `scipy.sparse.csr_matrix((ones, indices, indptr), shape=(m, n))`);
/// - metadata: `format` = `reme-reference-set`, `format_version` = `1`, `phrases` and
///   `roots` (JSON arrays of n strings), `statistics` (JSON object), `provenance`
///   (JSON object of strings).
public enum ReferenceSetCodec {
    public static let formatName = "reme-reference-set"
    public static let formatVersion = "1"

    public static func write(_ reference: ReferenceSet, to path: String, halfPrecisionSegments: Bool = false) throws {
        var writer = SafetensorsWriter(metadata: try metadata(of: reference))
        try writer.add("segment_embeddings", reference.segmentEmbeddings, as: halfPrecisionSegments ? .f16 : .f32)
        try writer.add("label_embeddings", reference.labelEmbeddings)
        try writer.add("assign_indptr", int64s: reference.assignment.indptr.map(Int64.init))
        try writer.add("assign_indices", int64s: reference.assignment.indices.map(Int64.init))
        try writer.write(to: path)
    }

    public static func read(_ path: String) throws -> ReferenceSet {
        try read(SafetensorsFile(path: path))
    }

    public static func read(_ file: SafetensorsFile) throws -> ReferenceSet {
        let meta = file.metadata
        guard meta["format"] == formatName else {
            throw MethodError.invalidReferenceSet("\(file.path): metadata format is \(meta["format"] ?? "missing"), expected \(formatName)")
        }
        let phrases: [String] = try decode(meta, "phrases", file.path)
        let roots: [String] = try decode(meta, "roots", file.path)
        let statistics: StageStatistics = (try? decode(meta, "statistics", file.path)) ?? StageStatistics()
        let provenance: [String: String] = (try? decode(meta, "provenance", file.path)) ?? [:]
        let assignment = try csr(file, columns: phrases.count)
        return try ReferenceSet(segmentEmbeddings: try file.tensor("segment_embeddings"),
                                labelEmbeddings: try file.tensor("label_embeddings"),
                                assignment: assignment, phrases: phrases, roots: roots,
                                statistics: statistics, provenance: provenance)
    }

    /// A retrieval index straight from the file; an F16 `segment_embeddings` stays in half
    /// precision when `keepHalf` is set (half the memory).
    public static func readIndex(_ path: String, keepHalf: Bool = true) throws -> ReferenceIndex {
        let file = try SafetensorsFile(path: path)
        let info = try file.info("segment_embeddings")
        guard keepHalf, info.dtype == .f16, info.shape.count == 2 else {
            return try ReferenceIndex(read(file))
        }
        let phrases: [String] = try decode(file.metadata, "phrases", file.path)
        let raw = try file.bytes("segment_embeddings")
        var bits = [UInt16](repeating: 0, count: raw.count / 2)
        bits.withUnsafeMutableBytes { $0.copyBytes(from: raw) }
        for i in bits.indices { bits[i] = UInt16(littleEndian: bits[i]) }
        return try ReferenceIndex(storage: .float16(try HalfMatrix(rows: info.shape[0], columns: info.shape[1], bits: bits)),
                                  assignment: try csr(file, columns: phrases.count),
                                  labelEmbeddings: try file.tensor("label_embeddings"))
    }

    static func metadata(of r: ReferenceSet) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        return [
            "format": formatName, "format_version": formatVersion,
            "phrases": try json(r.phrases), "roots": try json(r.roots),
            "statistics": try json(r.statistics), "provenance": try json(r.provenance),
        ]
    }

    static func decode<T: Decodable>(_ meta: [String: String], _ key: String, _ path: String) throws -> T {
        guard let text = meta[key] else { throw MethodError.invalidReferenceSet("\(path): metadata key \(key) is missing") }
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw MethodError.invalidReferenceSet("\(path): metadata \(key) is not valid JSON of the expected type")
        }
    }

    static func csr(_ file: SafetensorsFile, columns: Int) throws -> CSRAssignment {
        let indptr = try file.int32s("assign_indptr"), indices = try file.int32s("assign_indices")
        do { return try CSRAssignment(indptr: indptr, indices: indices, columnCount: columns) } catch {
            throw MethodError.invalidReferenceSet("\(file.path): \(error)")
        }
    }
}
