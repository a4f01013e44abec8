import Foundation
import Testing
@testable import ReME

/// Resuming `reme build` reuses an image's record only while its image bytes, caption, masks
/// and settings are those it was made from.
@Suite struct ReferenceBuildResumeTests {
    @Test func unchangedInputsAreAllReused() throws {
        let f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        let first = try f.run(stage)
        #expect(first.new == 3 && first.reused == 0 && first.processedNow == 3)
        #expect(first.skipped.isEmpty && first.pairs > 0)
        let again = try f.run(stage)
        #expect(again.reused == 3 && again.processedNow == 0 && again.dropped.isEmpty)
        #expect(again.pairs == first.pairs)
        #expect(try BuildRecordLog.records(at: f.logURL).count == 3)
        #expect(try f.baseSet().images == 3)
    }

    @Test func anEditedCaptionIsRecomputedAndReachesTheBaseSet() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        #expect(try f.baseSet().base.roots.contains("kitten"))

        f.captions[BuildFixture.name(0)] = "a giraffe stands on the street"
        let again = try f.run(stage)
        #expect(again.recomputed == [.captionChanged: 1])
        #expect(again.reused == 2 && again.new == 0)
        let roots = try f.baseSet().base.roots
        #expect(roots.contains("giraffe"))
        #expect(!roots.contains("kitten"), "the superseded record must not be read")
        #expect(try BuildRecordLog.records(at: f.logURL).count == 4)
    }

    @Test func changedImageBytesAreRecomputed() throws {
        let f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        try f.writeImage(number: 7, as: BuildFixture.name(2))
        let again = try f.run(stage)
        #expect(again.recomputed == [.imageChanged: 1])
        #expect(again.reused == 2)
        let record = try #require(try BuildRecordLog.latestRecords(at: f.logURL)[BuildFixture.name(2)])
        let bytes = try Data(contentsOf: f.imagesFolder.appendingPathComponent(BuildFixture.name(2)))
        #expect(record.key?.image == ContentDigest(bytes))
    }

    @Test func changedMasksAndSettingsAreRecomputed() throws {
        let f = try BuildFixture()
        defer { f.remove() }
        for i in 0..<3 { try f.writeMasks(bands: 2, for: BuildFixture.name(i)) }
        let masked = try f.stage(masks: true)
        let first = try f.run(masked)
        #expect(first.new == 3 && first.skipped.isEmpty, "\(first.skipped)")
        try f.writeMasks(bands: 3, for: BuildFixture.name(1))
        #expect(try f.run(masked).recomputed == [.masksChanged: 1])
        // Felzenszwalb instead of the masks: every record depended on the segmenter.
        let felzenszwalb = try f.run(try f.stage(minSize: 20))
        #expect(felzenszwalb.recomputed == [.settingsChanged: 3])
        #expect(try f.run(try f.stage(minSize: 5)).recomputed == [.settingsChanged: 3])
    }

    @Test func removedImagesAndCaptionsAreDroppedAndReportedOnce() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        try FileManager.default.removeItem(at: f.imagesFolder.appendingPathComponent(BuildFixture.name(0)))
        f.captions[BuildFixture.name(1)] = nil
        let again = try f.run(stage)
        #expect(again.dropped == [BuildFixture.name(0), BuildFixture.name(1)])
        #expect(again.withoutCaption == [BuildFixture.name(1)])
        #expect(again.images == 1 && again.reused == 1 && again.processedNow == 0)
        let loaded = try f.baseSet()
        #expect(loaded.images == 1)
        #expect(!loaded.base.roots.contains("kitten") && !loaded.base.roots.contains("dog"))

        let third = try f.run(stage)
        #expect(third.dropped.isEmpty, "a drop is reported by the run that sees it")
        // Back in the input with the same bytes and caption: its old record is current again.
        f.captions[BuildFixture.name(1)] = BuildFixture.firstCaptions[1]
        let restored = try f.run(stage)
        #expect(restored.reused == 2 && restored.processedNow == 0)
        #expect(try f.baseSet().base.roots.contains("dog"))
    }

    @Test func aDropFoundByAKilledRunIsReportedByTheNextOne() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        f.captions[BuildFixture.name(0)] = nil
        // What the run that saw the caption go wrote before it was killed: its input list.
        let url = ShardInputs.url(in: f.workFolder, shard: .whole)
        let listed = try #require(try ShardInputs.read(from: url))
        let input = try BuildInput(paths: try ImageFolder.list(f.imagesFolder),
                                   captions: CaptionLookup(f.captions.map { CaptionRecord(image: $0.key, caption: $0.value) }),
                                   folder: f.imagesFolder)
        try ShardInputs(input: input.digest, images: listed.images.filter { $0.image != BuildFixture.name(0) },
                        unreportedDrops: [BuildFixture.name(0)]).write(to: url)
        #expect(try f.run(stage).dropped == [BuildFixture.name(0)])
        #expect(try f.run(stage).dropped.isEmpty)
    }

    @Test func aFolderWithoutAnyCaptionedImageIsAnError() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        f.captions = ["other.png": "a cat"]
        #expect(throws: BuildError.self) { try f.run(try f.stage()) }
    }

    @Test func aRunStoppedAfterTheInputChangedIsNotMergedAsComplete() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        let logBefore = try Data(contentsOf: f.logURL)
        f.captions[BuildFixture.name(2)] = "a bus on the road"
        _ = try f.run(stage)
        // As if that run had been killed after listing its input, before recording the image.
        try logBefore.write(to: f.logURL)
        do {
            _ = try f.baseSet()
            Issue.record("a stale record was taken as current")
        } catch let error as BuildError {
            guard case .incompleteShard(_, let missing, let total) = error else { throw error }
            #expect(missing == 1 && total == 3)
        }
        #expect(try f.run(stage).recomputed == [.captionChanged: 1])
        #expect(try f.baseSet().base.roots.contains("bus"))
    }

    @Test func shardsThatRanOnDifferentInputsAreRefused() throws {
        var f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        for i in 0..<2 { _ = try f.run(stage, shard: try BuildShard(index: i, count: 2)) }
        #expect(try f.baseSet(shardCount: 2).images == 3)
        f.captions[BuildFixture.name(0)] = "a giraffe stands on the street"
        _ = try f.run(stage, shard: try BuildShard(index: 0, count: 2))
        #expect(throws: BuildError.self) { try f.baseSet(shardCount: 2) }
        _ = try f.run(stage, shard: try BuildShard(index: 1, count: 2))
        #expect(try f.baseSet(shardCount: 2).base.roots.contains("giraffe"))
    }

    @Test func recordsFromBeforeKeysAreRecomputed() throws {
        let f = try BuildFixture()
        defer { f.remove() }
        let stage = try f.stage()
        _ = try f.run(stage)
        // Rewrite the work folder as a version-1 build left it: keyless records, no input list.
        var legacy = Data()
        for record in try BuildRecordLog.records(at: f.logURL) { legacy += try BuildRecordLogTests.legacyFrame(record) }
        try legacy.write(to: f.logURL)
        try FileManager.default.removeItem(at: ShardInputs.url(in: f.workFolder, shard: .whole))

        #expect(throws: BuildError.self) { try f.baseSet() }
        let again = try f.run(stage)
        #expect(again.recomputed == [.unkeyed: 3] && again.reused == 0)
        #expect(try f.baseSet().images == 3)
    }
}

@Suite struct BuildSettingsTests {
    func folder() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("reme-settings-\(UUID().uuidString)") }

    @Test func modelsSegmenterAndShardCountAreFixedButCaptionsMayChange() throws {
        let work = folder()
        defer { try? FileManager.default.removeItem(at: work) }
        try BuildFixture.settings(captions: "first.jsonl").recordOrCheck(in: work)
        try BuildFixture.settings(captions: "second.jsonl").recordOrCheck(in: work)
        #expect(try BuildSettings.read(from: work).captions == "second.jsonl")

        #expect(throws: BuildError.self) { try BuildFixture.settings(shardCount: 2).recordOrCheck(in: work) }
        var segmenter = BuildFixture.settings()
        segmenter.segmenter = FelzenszwalbMasks(SuperpixelOptions(preset: .cityscapes)).settingsDescription
        #expect(throws: BuildError.self) { try segmenter.recordOrCheck(in: work) }
        var model = BuildFixture.settings()
        model.visual["visual_weights_fingerprint"] = "other weights"
        #expect(throws: BuildError.self) { try model.recordOrCheck(in: work) }
    }

    @Test func settingsFilesThatCountedImagesStillRead() throws {
        let work = folder()
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(BuildFixture.settings())) as? [String: Any] ?? [:]
        json["imageCount"] = 36
        try JSONSerialization.data(withJSONObject: json).write(to: work.appendingPathComponent("build.json"))
        try BuildFixture.settings().recordOrCheck(in: work)
    }
}
