import Foundation
import ReME
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `reme eval --work-dir` resumes a killed run, shards merge to the single-process numbers,
/// changed label maps are recomputed and a missing shard is named.
@Suite(.serialized) struct EvalResumeTests {
    /// The workspace's VOC folder with each photo `copies` times (ids `<id>_<copy>`).
    static func vocWithCopies(_ w: PipelineWorkspace, copies: Int) throws {
        let fm = FileManager.default
        var ids: [String] = []
        for copy in 1..<copies {
            for id in PipelineWorkspace.ids {
                let name = "\(id)_\(copy)"
                try fm.copyItem(atPath: "\(w.voc)/JPEGImages/\(id).jpg", toPath: "\(w.voc)/JPEGImages/\(name).jpg")
                try fm.copyItem(atPath: "\(w.voc)/SegmentationClass/\(id).png", toPath: "\(w.voc)/SegmentationClass/\(name).png")
                ids.append(name)
            }
        }
        try ((PipelineWorkspace.ids + ids).joined(separator: "\n") + "\n")
            .write(toFile: "\(w.voc)/ImageSets/Segmentation/val.txt", atomically: true, encoding: .utf8)
    }

    static func arguments(_ w: PipelineWorkspace, _ extra: [String]) -> [String] {
        ["eval", "--dataset", "voc21", "--root", w.voc, "--clip", w.clip] + extra + PipelineWorkspace.fastOptions
    }

    static func json(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func killedEvalResumesWithIdenticalResults() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        try Self.vocWithCopies(w, copies: 3)
        let plain = try CLI.run(Self.arguments(w, ["--output", w.path("plain.json")]))
        #expect(plain.exitCode == 0, "\(plain.stderr)")

        let work = w.path("work")
        let arguments = Self.arguments(w, ["--work-dir", work, "--output", w.path("resumed.json"),
                                           "--predictions", w.path("pred")])
        let log = URL(fileURLWithPath: work + "/eval-shard-000-of-001.records")
        try CLI.runAndKill(arguments, when: { (try? RecordLog<EvalRecord>.records(at: log))?.count ?? 0 }, reaches: 2)
        let doneBeforeKill = try RecordLog<EvalRecord>.records(at: log).count
        #expect(doneBeforeKill >= 2)
        #expect(doneBeforeKill < 9, "the evaluation finished before it could be killed")

        let resumed = try CLI.run(arguments)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        let reused = try #require(resumed.stdout.split(separator: "\n").first { $0.hasPrefix("images: ") })
        #expect(reused.hasSuffix("\(doneBeforeKill) resumed") || reused.hasSuffix("\(doneBeforeKill + 1) resumed"), "\(reused)")
        #expect(try RecordLog<EvalRecord>.latestRecords(at: log).count == 9)
        #expect(try Self.json(w.path("resumed.json")) == Self.json(w.path("plain.json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.path("pred")).filter { $0.hasSuffix(".png") }.count == 9)

        // A changed label map is recomputed, the rest resumed.
        let label = "\(w.voc)/SegmentationClass/\(PipelineWorkspace.ids[0]).png"
        try FileManager.default.removeItem(atPath: label)
        try FileManager.default.copyItem(atPath: "\(w.voc)/SegmentationClass/\(PipelineWorkspace.ids[1])_1.png", toPath: label)
        let changed = try CLI.run(arguments)
        #expect(changed.exitCode == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("images: 1 evaluated now (1 recomputed: 1 label map changed), 8 resumed"), "\(changed.stdout)")
    }

    @Test func shardsMergeToTheSingleRun() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let single = try CLI.run(Self.arguments(w, ["--output", w.path("single.json")]))
        #expect(single.exitCode == 0, "\(single.stderr)")
        let work = w.path("work")
        let first = try CLI.run(Self.arguments(w, ["--work-dir", work, "--shard", "0/2"]))
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("reme eval merge"), "\(first.stdout)")
        // The second shard as a Slurm array task (ids 5–6) would get it.
        var slurm = ProcessInfo.processInfo.environment
        slurm["SLURM_ARRAY_TASK_ID"] = "6"
        slurm["SLURM_ARRAY_TASK_MIN"] = "5"
        slurm["SLURM_ARRAY_TASK_COUNT"] = "2"
        let second = try CLI.run(Self.arguments(w, ["--work-dir", work]), environment: slurm)
        #expect(second.exitCode == 0, "\(second.stderr)")
        #expect(second.stdout.contains("shard 1/2 done"), "\(second.stdout)")
        let merged = try CLI.run(["eval", "merge", "--work-dir", work, "--output", w.path("merged.json")])
        #expect(merged.exitCode == 0, "\(merged.stderr)")
        #expect(try Self.json(w.path("merged.json")) == Self.json(w.path("single.json")))
    }

    @Test func mergeNamesAMissingShardAndRefusesOtherSettings() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let work = w.path("work")
        let r = try CLI.run(Self.arguments(w, ["--work-dir", work, "--shard", "1/3"]))
        #expect(r.exitCode == 0, "\(r.stderr)")
        let merged = try CLI.run(["eval", "merge", "--work-dir", work])
        #expect(merged.exitCode != 0)
        #expect(merged.stderr.contains("eval-shard-000-of-003.inputs"), "\(merged.stderr)")

        for i in [0, 2] {
            let other = try CLI.run(Self.arguments(w, ["--work-dir", work, "--shard", "\(i)/3", "--tau-text", "50"]))
            #expect(other.exitCode == 0, "\(other.stderr)")
        }
        let mixed = try CLI.run(["eval", "merge", "--work-dir", work])
        #expect(mixed.exitCode != 0)
        #expect(mixed.stderr.contains("other settings"), "\(mixed.stderr)")
    }
}
