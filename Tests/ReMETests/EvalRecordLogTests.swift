import Foundation
import Testing
@testable import ReME

/// Evaluation records share the build's log framing: round trip, torn tail, and no mixing of
/// the two kinds of log.
@Suite struct EvalRecordLogTests {
    func record(_ sample: String, png: Data?) -> EvalRecord {
        let areas = ImageAreas(intersect: [1, 0, 5_000_000_000], union: [2, 3, 6_000_000_000],
                               prediction: [1, 2, 5_500_000_000], label: [2, 1, 5_500_000_000])
        let key = EvalRecordKey(image: ContentDigest("image \(sample)"), label: ContentDigest("label"), masks: nil,
                                settings: ContentDigest("settings"))
        return EvalRecord(sample: sample, key: key, areas: areas, predictionPNG: png)
    }

    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("reme-eval-log-\(UUID().uuidString).records")
    }

    @Test func roundTripsAndDropsATornTail() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let log = try RecordLog<EvalRecord>(url: url)
            try log.append(record("a", png: Data([0x89, 0x50, 0x4E, 0x47])))
            try log.append(record("b", png: nil))
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Array("RME".utf8) + [1, 200, 0, 0])
        try handle.close()
        let log = try RecordLog<EvalRecord>(url: url)
        #expect(log.records.map(\.sample) == ["a", "b"])
        #expect(log.records[0].predictionPNG == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(log.records[1].predictionPNG == nil)
        #expect(log.records[0].areas == record("a", png: nil).areas)
        #expect(log.records[0].key == record("a", png: nil).key)
    }

    @Test func aBuildLogIsRefusedAsAnEvaluationLogAndLeftWhole() throws {
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let log = try BuildRecordLog(url: url)
            try log.append(BuildRecord(image: "a.jpg", outcome: .skipped(reason: "x"), segmentCount: 0, key: nil))
        }
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        #expect(throws: BuildError.self) { try RecordLog<EvalRecord>(url: url) }
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int == size)
        #expect(try BuildRecordLog.records(at: url).count == 1)
    }

    @Test func keysNameWhatChanged() {
        let key = record("a", png: nil).key
        var label = key
        label.label = ContentDigest("other label")
        #expect(label.recomputeReason(against: key) == .labelChanged)
        var settings = label
        settings.settings = ContentDigest("other")
        #expect(settings.recomputeReason(against: key) == .settingsChanged)
        #expect(key.recomputeReason(against: key) == nil)
    }

    @Test func summedAreasGiveTheMetricOfThePixels() throws {
        var direct = IoUMetric(classCount: 3)
        var summed = IoUMetric(classCount: 3)
        let images: [([Int32], [Int32])] = [([0, 1, 2, 2], [0, 1, 1, 255]), ([2, 2, 0, 1], [2, 0, 0, 1])]
        for (prediction, truth) in images {
            try direct.add(prediction: prediction, groundTruth: truth)
            summed.add(try summed.areas(prediction: prediction, groundTruth: truth))
        }
        #expect(direct.summary == summed.summary)
        #expect(direct.areaUnion == summed.areaUnion)
    }
}
