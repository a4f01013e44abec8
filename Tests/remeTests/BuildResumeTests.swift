import Foundation
import ReME
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `reme build` killed with SIGKILL part-way resumes without redoing finished images and
/// never leaves a partial reference set.
@Suite(.serialized) struct BuildResumeTests {
    @Test func killedBuildResumes() throws {
        let w = try PipelineWorkspace(copies: 3)
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let arguments = w.buildArguments(output: refset)
        let log = URL(fileURLWithPath: refset + ".build/shard-000-of-001.records")

        try CLI.runAndKill(arguments, when: { (try? BuildRecordLog.records(at: log))?.count ?? 0 }, reaches: 2)
        let doneBeforeKill = try BuildRecordLog.records(at: log).count
        #expect(doneBeforeKill >= 2)
        #expect(doneBeforeKill < 9, "the build finished before it could be killed")
        #expect(!FileManager.default.fileExists(atPath: refset))

        let resumed = try CLI.run(arguments)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let records = try BuildRecordLog.records(at: log)
        #expect(records.count == 9)
        #expect(Set(records.map(\.image)).count == 9)
        #expect(resumed.stdout.contains("\(9 - doneBeforeKill) processed now (\(9 - doneBeforeKill) new), \(doneBeforeKill) reused")
                || resumed.stdout.contains("\(9 - doneBeforeKill - 1) processed now (\(9 - doneBeforeKill - 1) new), \(doneBeforeKill + 1) reused"),
                "\(resumed.stdout)")
        #expect(FileManager.default.fileExists(atPath: refset))
        #expect(try ReferenceSetCodec.read(refset).segmentCount > 0)
    }

    @Test func editedInputsAreRecomputedDroppedAndReported() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let first = try CLI.run(w.buildArguments(output: refset))
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 processed now (3 new), 0 reused"), "\(first.stdout)")

        let unchanged = try CLI.run(w.buildArguments(output: refset))
        #expect(unchanged.stdout.contains("0 processed now, 3 reused"), "\(unchanged.stdout)")

        // One caption rewritten, one image's caption line removed.
        let lines = try String(contentsOfFile: w.captions, encoding: .utf8).split(separator: "\n").map(String.init)
        let giraffe = try JSONSerialization.data(withJSONObject: ["image": "\(PipelineWorkspace.ids[0]).jpg",
                                                                  "caption": "A tall giraffe stands next to a zebra."])
        try ([String(decoding: giraffe, as: UTF8.self), lines[2]].joined(separator: "\n") + "\n")
            .write(toFile: w.captions, atomically: true, encoding: .utf8)
        let edited = try CLI.run(w.buildArguments(output: refset))
        #expect(edited.exitCode == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("1 processed now (1 recomputed: 1 caption changed), 1 reused"), "\(edited.stdout)")
        #expect(edited.stdout.contains("1 image no longer in the input: dropped"))
        #expect(edited.stdout.contains("dropped \(PipelineWorkspace.ids[1]).jpg"))
        let reference = try ReferenceSetCodec.read(refset)
        #expect(reference.provenance["images"] == "2")
        let log = URL(fileURLWithPath: refset + ".build/shard-000-of-001.records")
        let latest = try #require(try BuildRecordLog.latestRecords(at: log)["\(PipelineWorkspace.ids[0]).jpg"])
        guard case .paired(let image) = latest.outcome else { Issue.record("\(latest.outcome)"); return }
        #expect(image.phrases.map(\.root).contains("giraffe"))
        #expect(!reference.phrases.contains { $0.contains("shirt") }, "phrases of the old caption must be gone")

        // The segmenter is fixed for the work folder's life.
        let resegmented = try CLI.run(w.buildArguments(output: refset, ["--scale", "50"]))
        #expect(resegmented.exitCode != 0)
        #expect(resegmented.stderr.contains("segmenter"), "\(resegmented.stderr)")
    }

    @Test func shardsRunSeparatelyAndMerge() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        for i in 0..<2 {
            let r = try CLI.run(w.buildArguments(output: refset, ["--shard", "\(i)/2"]))
            #expect(r.exitCode == 0, "\(r.stderr)")
            #expect(r.stdout.contains("reme build merge"))
            #expect(!FileManager.default.fileExists(atPath: refset))
        }
        let merged = try CLI.run(["build", "merge", "--output", refset, "--clip", w.clip])
        #expect(merged.exitCode == 0, "\(merged.stderr)")
        #expect(try ReferenceSetCodec.read(refset).provenance["images"] == "3")
    }

    @Test func mergeRefusesMissingShards() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let r = try CLI.run(w.buildArguments(output: refset, ["--shard", "1/3"]))
        #expect(r.exitCode == 0, "\(r.stderr)")
        let merged = try CLI.run(["build", "merge", "--output", refset, "--clip", w.clip])
        #expect(merged.exitCode != 0)
        #expect(merged.stderr.contains("shard-000-of-003"))
        // A shard run with another shard count on the same work folder is refused.
        let mismatched = try CLI.run(w.buildArguments(output: refset, ["--shard", "0/2"]))
        #expect(mismatched.exitCode != 0)
        #expect(mismatched.stderr.contains("3 shards then, 2 now"))
    }
}
