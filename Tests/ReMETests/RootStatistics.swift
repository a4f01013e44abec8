import Foundation

/// A caption corpus whose root statistics `Tests/Fixtures/method/root_statistics.tsv` records.
enum CaptionCorpus: String, CaseIterable, Sendable {
    /// 400 Flickr30k caption sets (five short crowd-written captions of a photo, joined).
    case flickr30k = "flickr30k_df"
    /// 106 LLaVA "detail" descriptions (long GPT-4 / LLaVA-v1.5 paragraphs).
    case llavaDetail = "llava_detail_df"

    var shortName: String { self == .flickr30k ? "flickr30k" : "llava-detail" }
}

/// One root of the statistics file: per-corpus document frequency and its hand labels.
struct RootRecord: Sendable, Equatable {
    enum Label: String, Sendable { case concrete, abstract }

    let root: String
    let flickr30kDF: Int
    let llavaDetailDF: Int
    let label: Label
    /// Finer tag: person, animal, stuff, … for concrete roots; meta, positional, surroundings,
    /// time, activity, … for abstract ones.
    let kind: String
    /// The canonical root of the visual class this concrete root belongs to, when it is not
    /// the canonical root itself.
    let synonymOf: String?

    func documentFrequency(_ corpus: CaptionCorpus) -> Int {
        corpus == .flickr30k ? flickr30kDF : llavaDetailDF
    }

    /// The canonical root of its class (itself unless `synonymOf` is set); nil for abstract roots.
    var visualClass: String? { label == .concrete ? (synonymOf ?? root) : nil }
}

enum RootStatisticsError: Error, CustomStringConvertible, Equatable {
    case malformedLine(line: Int, reason: String)
    case missingHeader
    case missingDocumentCounts

    var description: String {
        switch self {
        case let .malformedLine(line, reason): "root_statistics.tsv line \(line): \(reason)"
        case .missingHeader: "root_statistics.tsv: no header line 'root<TAB>flickr30k_df<TAB>…'"
        case .missingDocumentCounts: "root_statistics.tsv: no '#! documents flickr30k_df=N llava_detail_df=M' line"
        }
    }
}

/// The parsed `root_statistics.tsv` (format: Tests/Fixtures/method/README.md).
struct RootStatistics: Sendable {
    static let columns = ["root", "flickr30k_df", "llava_detail_df", "label", "kind", "synonym_of"]

    let records: [RootRecord]
    let flickr30kDocuments: Int
    let llavaDetailDocuments: Int

    func documents(_ corpus: CaptionCorpus) -> Int {
        corpus == .flickr30k ? flickr30kDocuments : llavaDetailDocuments
    }

    static func load(_ url: URL = fixtureURL("method/root_statistics.tsv")) throws -> RootStatistics {
        try RootStatistics(parsing: String(contentsOf: url, encoding: .utf8))
    }

    /// Parses and validates the file: six tab-separated fields per row, counts within the
    /// corpus sizes, every root labelled, synonym classes one level deep between concrete roots.
    init(parsing text: String) throws {
        var records: [RootRecord] = []
        var documents: (Int, Int)?
        var sawHeader = false
        var seen = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            if line.isEmpty { continue }
            if line.hasPrefix("#!") {
                documents = try Self.documentCounts(line, number: number)
                continue
            }
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                guard fields == Self.columns else {
                    throw RootStatisticsError.malformedLine(line: number, reason: "expected the header \(Self.columns.joined(separator: "<TAB>"))")
                }
                sawHeader = true
                continue
            }
            let record = try Self.record(fields, number: number)
            guard seen.insert(record.root).inserted else {
                throw RootStatisticsError.malformedLine(line: number, reason: "root '\(record.root)' listed twice")
            }
            records.append(record)
        }
        guard sawHeader else { throw RootStatisticsError.missingHeader }
        guard let documents else { throw RootStatisticsError.missingDocumentCounts }
        try Self.validate(records, documents: documents, text: text)
        self.records = records
        flickr30kDocuments = documents.0
        llavaDetailDocuments = documents.1
    }

    private static func documentCounts(_ line: String, number: Int) throws -> (Int, Int) {
        var values: [String: Int] = [:]
        for item in line.split(separator: " ").dropFirst(2) {
            let kv = item.split(separator: "=")
            guard kv.count == 2, let n = Int(kv[1]), n > 0 else {
                throw RootStatisticsError.malformedLine(line: number, reason: "bad document count '\(item)'")
            }
            values[String(kv[0])] = n
        }
        guard line.hasPrefix("#! documents "), let f = values["flickr30k_df"], let l = values["llava_detail_df"] else {
            throw RootStatisticsError.malformedLine(line: number, reason: "expected '#! documents flickr30k_df=N llava_detail_df=M'")
        }
        return (f, l)
    }

    private static func record(_ fields: [String], number: Int) throws -> RootRecord {
        func fail(_ reason: String) -> RootStatisticsError { .malformedLine(line: number, reason: reason) }
        guard fields.count == columns.count else {
            throw fail("expected \(columns.count) tab-separated fields, found \(fields.count)")
        }
        let root = fields[0]
        guard !root.isEmpty, root.trimmingCharacters(in: .whitespaces) == root else { throw fail("empty or padded root '\(root)'") }
        guard let f = Int(fields[1]), f >= 0 else { throw fail("flickr30k_df '\(fields[1])' is not a count") }
        guard let l = Int(fields[2]), l >= 0 else { throw fail("llava_detail_df '\(fields[2])' is not a count") }
        guard !fields[3].isEmpty else {
            throw fail("root '\(root)' is unlabelled: label it concrete or abstract (Tests/Fixtures/method/README.md)")
        }
        guard let label = RootRecord.Label(rawValue: fields[3]) else {
            throw fail("label '\(fields[3])' is neither concrete nor abstract")
        }
        guard !fields[4].isEmpty else { throw fail("root '\(root)' has no kind") }
        return RootRecord(root: root, flickr30kDF: f, llavaDetailDF: l, label: label, kind: fields[4],
                          synonymOf: fields[5].isEmpty ? nil : fields[5])
    }

    private static func validate(_ records: [RootRecord], documents: (Int, Int), text: String) throws {
        let byRoot = Dictionary(uniqueKeysWithValues: records.map { ($0.root, $0) })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of root: String) -> Int {
            (lines.firstIndex { $0.hasPrefix(root + "\t") } ?? 0) + 1
        }
        for r in records {
            guard r.flickr30kDF <= documents.0, r.llavaDetailDF <= documents.1 else {
                throw RootStatisticsError.malformedLine(line: line(of: r.root), reason: "'\(r.root)': more documents than the corpus has")
            }
            guard let target = r.synonymOf else { continue }
            guard r.label == .concrete else {
                throw RootStatisticsError.malformedLine(line: line(of: r.root), reason: "abstract root '\(r.root)' has a synonym_of")
            }
            guard let canonical = byRoot[target], canonical.label == .concrete, canonical.synonymOf == nil, target != r.root else {
                throw RootStatisticsError.malformedLine(
                    line: line(of: r.root),
                    reason: "synonym_of '\(target)' of '\(r.root)' must be another concrete root of the file without a synonym_of")
            }
        }
    }
}
