import Foundation
import Testing
@testable import ReME

@Suite struct BuildRecordLogTests {
    func sampleRecord(_ name: String, kept: Int = 2, d: Int = 3) throws -> BuildRecord {
        let features = try Tensor(shape: [kept, d], data: (0..<(kept * d)).map { Float($0) * 0.5 + 0.25 })
        let image = BaseSetImage(segmentFeatures: features, keptSegmentIndices: Array(0..<kept).map { $0 * 3 },
                                 phrases: [RootedPhrase(text: "white cat", root: "cat"), RootedPhrase(text: "sofa", root: "sofa")],
                                 pairedSegment: [0, kept - 1], pairScore: [0.3, 0.25])
        return BuildRecord(image: name, outcome: .paired(image), segmentCount: kept * 3, key: sampleKey(caption: name))
    }

    func sampleKey(caption: String) -> BuildRecordKey {
        BuildRecordKey(image: ContentDigest("image bytes"), caption: ContentDigest(caption), masks: nil,
                       settings: ContentDigest("settings"))
    }

    /// A log holding the sample records of a.jpg and b.jpg, closed again.
    func writeTwoRecords(to url: URL) throws {
        let log = try BuildRecordLog(url: url)
        try log.append(try sampleRecord("a.jpg"))
        try log.append(try sampleRecord("b.jpg"))
    }

    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reme-log-\(UUID().uuidString).records")
    }

    @Test func roundTripsRecordsAcrossReopen() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let log = try BuildRecordLog(url: url)
            try log.append(try sampleRecord("a.jpg"))
            try log.append(BuildRecord(image: "broken.jpg", outcome: .skipped(reason: "not a JPEG"), segmentCount: 0,
                                       key: sampleKey(caption: "broken")))
            try log.append(try sampleRecord("sub/b.png", kept: 1))
        }
        let log = try BuildRecordLog(url: url)
        #expect(log.records.map(\.image) == ["a.jpg", "broken.jpg", "sub/b.png"])
        #expect(log.records.map(\.key) == ["a.jpg", "broken", "sub/b.png"].map { sampleKey(caption: $0) })
        guard case .paired(let a) = log.records[0].outcome else { Issue.record("a.jpg should be paired"); return }
        #expect(a.segmentFeatures.scalars == (try sampleRecord("x")).pairedFeatures)
        #expect(a.phrases.map(\.root) == ["cat", "sofa"])
        #expect(a.keptSegmentIndices == [0, 3])
        guard case .skipped(let reason) = log.records[1].outcome else { Issue.record("should be skipped"); return }
        #expect(reason == "not a JPEG")
    }

    @Test func tornTailIsDroppedAndAppendingContinues() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try writeTwoRecords(to: url)
        // Simulate a crash in the middle of writing the second record.
        let full = try Data(contentsOf: url)
        try full.prefix(full.count - 7).write(to: url)
        do {
            let log = try BuildRecordLog(url: url)
            #expect(log.records.map(\.image) == ["a.jpg"])
            try log.append(try sampleRecord("c.jpg"))
        }
        #expect(try BuildRecordLog(url: url).records.map(\.image) == ["a.jpg", "c.jpg"])
    }

    @Test func corruptedBytesStopReadingAtTheDamagedRecord() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let log = try BuildRecordLog(url: url)
            for name in ["a", "b", "c"] { try log.append(try sampleRecord(name)) }
        }
        var bytes = [UInt8](try Data(contentsOf: url))
        let secondStart = bytes.count / 3 + 40
        bytes[secondStart] ^= 0xFF
        try Data(bytes).write(to: url)
        let images = try BuildRecordLog(url: url).records.map(\.image)
        #expect(images.count < 3)
        #expect(images.first == "a")
    }

    @Test func aLaterRecordOfAnImageSupersedesTheEarlierOne() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let log = try BuildRecordLog(url: url)
            try log.append(try sampleRecord("a.jpg", kept: 2))
            try log.append(try sampleRecord("b.jpg"))
            try log.append(try sampleRecord("a.jpg", kept: 1))
            #expect(log.latest["a.jpg"]?.segmentCount == 3)
        }
        #expect(try BuildRecordLog.records(at: url).count == 3)
        let latest = try BuildRecordLog.latestRecords(at: url)
        #expect(latest.count == 2)
        #expect(latest["a.jpg"]?.segmentCount == 3)
    }

    /// Frames a record as format version 1 wrote it: magic `RMBR`, no key in the header.
    static func legacyFrame(_ record: BuildRecord) throws -> Data {
        var keyless = record
        keyless.key = nil
        let payload = try keyless.encoded()
        var bytes = Array("RMBR".utf8)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        withUnsafeBytes(of: payload.withUnsafeBytes { CRC32.checksum($0) }.littleEndian) { bytes.append(contentsOf: $0) }
        return Data(bytes)
    }

    @Test func versionOneRecordsAreReadWithoutAKeyAndAppendedTo() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try (try Self.legacyFrame(try sampleRecord("old.jpg"))).write(to: url)
        do {
            let log = try BuildRecordLog(url: url)
            #expect(log.records.map(\.image) == ["old.jpg"])
            #expect(log.records[0].key == nil)
            #expect(log.records[0].pairedFeatures == (try sampleRecord("x")).pairedFeatures)
            try log.append(try sampleRecord("old.jpg"))
        }
        let records = try BuildRecordLog.records(at: url)
        #expect(records.map(\.key) == [nil, sampleKey(caption: "old.jpg")])
    }

    @Test func aNewerFormatVersionIsRefusedAndNotCutOff() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try writeTwoRecords(to: url)
        var bytes = [UInt8](try Data(contentsOf: url))
        let second = try #require((1..<bytes.count).first { bytes[$0..<($0 + 3)] == ArraySlice("RMB".utf8) })
        bytes[second + 3] = 9
        try Data(bytes).write(to: url)
        #expect(throws: BuildError.self) { try BuildRecordLog(url: url) }
        do {
            _ = try BuildRecordLog(url: url)
        } catch {
            #expect("\(error)".contains("format version 9"))
        }
        #expect(try Data(contentsOf: url).count == bytes.count, "the newer records must be left in place")
    }
}

extension BuildRecord {
    var pairedFeatures: [Float] {
        if case .paired(let b) = outcome { return b.segmentFeatures.scalars }
        return []
    }
}
