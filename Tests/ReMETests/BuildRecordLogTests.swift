import Foundation
import Testing
@testable import ReME

@Suite struct BuildRecordLogTests {
    func sampleRecord(_ name: String, kept: Int = 2, d: Int = 3) throws -> BuildRecord {
        let features = try Tensor(shape: [kept, d], data: (0..<(kept * d)).map { Float($0) * 0.5 + 0.25 })
        let image = BaseSetImage(segmentFeatures: features, keptSegmentIndices: Array(0..<kept).map { $0 * 3 },
                                 phrases: [RootedPhrase(text: "white cat", root: "cat"), RootedPhrase(text: "sofa", root: "sofa")],
                                 pairedSegment: [0, kept - 1], pairScore: [0.3, 0.25])
        return BuildRecord(image: name, outcome: .paired(image), segmentCount: kept * 3)
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
            try log.append(BuildRecord(image: "broken.jpg", outcome: .skipped(reason: "not a JPEG"), segmentCount: 0))
            try log.append(try sampleRecord("sub/b.png", kept: 1))
        }
        let log = try BuildRecordLog(url: url)
        #expect(log.records.map(\.image) == ["a.jpg", "broken.jpg", "sub/b.png"])
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
        do {
            let log = try BuildRecordLog(url: url)
            try log.append(try sampleRecord("a.jpg"))
            try log.append(try sampleRecord("b.jpg"))
        }
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
}

extension BuildRecord {
    var pairedFeatures: [Float] {
        if case .paired(let b) = outcome { return b.segmentFeatures.scalars }
        return []
    }
}
