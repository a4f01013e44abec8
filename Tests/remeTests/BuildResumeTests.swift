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

        let process = Process()
        process.executableURL = try CLI.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(240)
        while BuildRecordLog.records(at: log).count < 2 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let doneBeforeKill = BuildRecordLog.records(at: log).count
        #expect(doneBeforeKill >= 2)
        #expect(doneBeforeKill < 9, "the build finished before it could be killed")
        #expect(!FileManager.default.fileExists(atPath: refset))

        let resumed = try CLI.run(arguments)
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("already done"))
        let records = BuildRecordLog.records(at: log)
        #expect(records.count == 9)
        #expect(Set(records.map(\.image)).count == 9)
        #expect(resumed.stdout.contains("\(9 - doneBeforeKill) processed now, \(doneBeforeKill) already done")
                || resumed.stdout.contains("\(9 - doneBeforeKill - 1) processed now, \(doneBeforeKill + 1) already done"))
        #expect(FileManager.default.fileExists(atPath: refset))
        #expect(try ReferenceSetCodec.read(refset).segmentCount > 0)
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
