import Foundation
import ReME
import Testing

/// `reme eval --all`: every benchmark found under one folder with the models loaded once, one
/// JSON and a table in the paper's column order; benchmarks not there are skipped.
@Suite(.serialized) struct EvalAllTests {
    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(object as? [String: Any])
    }

    static func mIoU(_ object: [String: Any]?) -> Double? { object?["mIoU"] as? Double }

    @Test func allRunsTheVOCBenchmarksFoundAndSkipsTheRest() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let single = try CLI.run(["eval", "--dataset", "voc21", "--root", w.voc, "--clip", w.clip, "--output", w.path("single.json")]
                                 + PipelineWorkspace.fastOptions)
        #expect(single.exitCode == 0, "\(single.stderr)")
        let arguments = ["eval", "--all", "--data", w.voc, "--clip", w.clip, "--work-dir", w.path("work"),
                         "--output", w.path("all.json")] + PipelineWorkspace.fastOptions
        let all = try CLI.run(arguments)
        #expect(all.exitCode == 0, "\(all.stderr)")

        let report = try Self.json(w.path("all.json"))
        let benchmarks = try #require(report["benchmarks"] as? [String: Any])
        #expect(Set(benchmarks.keys) == ["voc21", "voc20"])
        let expectedSkipped = BenchmarkSuite.paperOrder.filter { $0 != .voc21 && $0 != .voc20 }.map(\.rawValue)
        #expect(report["skipped"] as? [String] == expectedSkipped)
        let singleMIoU = try #require(Self.mIoU(try Self.json(w.path("single.json"))))
        #expect(Self.mIoU(benchmarks["voc21"] as? [String: Any]) == singleMIoU)
        for name in expectedSkipped { #expect(all.stdout.contains("\(name): not found under \(w.voc), skipped")) }
        #expect(all.stdout.contains("all: 2 benchmarks evaluated, 8 skipped; images: 6 computed, 0 resumed"), "\(all.stdout)")
        #expect(all.stderr.contains("overall 6/6"), "\(all.stderr)")
        #expect(FileManager.default.fileExists(atPath: w.path("work/voc21/eval-shard-000-of-001.records")))
        #expect(FileManager.default.fileExists(atPath: w.path("work/voc20/eval-shard-000-of-001.records")))

        let table = try String(contentsOfFile: w.path("all.md"), encoding: .utf8)
        let header = try #require(table.split(separator: "\n").first)
        #expect(header == "| VOC-21 | PC-60 | Object | VOC-20 | PC-59 | Stuff | City | A-150 | PC-459 | A-847 | Mean |")
        let row = table.split(separator: "\n")[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(row[0] == String(format: "%.1f", singleMIoU))
        #expect(row[1] == "—")
        #expect(table.contains("- clip: "))
        #expect(table.contains("classifier: zero-reference"))

        // Run again: every image is resumed from the benchmark's own subfolder, same numbers.
        let again = try CLI.run(arguments)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stdout.contains("images: 0 computed, 6 resumed"), "\(again.stdout)")
        let resumed = try #require(try Self.json(w.path("all.json"))["benchmarks"] as? [String: Any])
        #expect(Self.mIoU(resumed["voc21"] as? [String: Any]) == singleMIoU)

        // A single-benchmark run on the benchmark's subfolder reuses the same records.
        let one = try CLI.run(["eval", "--dataset", "voc21", "--root", w.voc, "--clip", w.clip, "--work-dir", w.path("work/voc21")]
                              + PipelineWorkspace.fastOptions)
        #expect(one.exitCode == 0, "\(one.stderr)")
        #expect(one.stdout.contains("images: 0 evaluated now, 3 resumed"), "\(one.stdout)")
    }

    @Test func datasetsListsTheBenchmarksToRun() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let run = try CLI.run(["eval", "--datasets", "voc20,ade150", "--data", w.voc, "--clip", w.clip, "--limit", "1",
                               "--output", w.path("some.json"), "--table", w.path("table.md")] + PipelineWorkspace.fastOptions)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let report = try Self.json(w.path("some.json"))
        #expect((report["benchmarks"] as? [String: Any]).map { Array($0.keys) } == ["voc20"])
        #expect(report["skipped"] as? [String] == ["ade150"])
        #expect(FileManager.default.fileExists(atPath: w.path("table.md")))
    }

    @Test func suiteOptionsAreChecked() throws {
        let unknown = try CLI.run(["eval", "--datasets", "voc21,nope", "--data", "/tmp"])
        #expect(unknown.exitCode != 0)
        #expect(unknown.stderr.contains("unknown benchmark 'nope'"), "\(unknown.stderr)")
        let noData = try CLI.run(["eval", "--all"])
        #expect(noData.exitCode != 0)
        #expect(noData.stderr.contains("--data"), "\(noData.stderr)")
        let mixed = try CLI.run(["eval", "--all", "--data", "/tmp", "--dataset", "voc21"])
        #expect(mixed.exitCode != 0)
        let neither = try CLI.run(["eval", "--clip", "x"])
        #expect(neither.exitCode != 0)
        #expect(neither.stderr.contains("--dataset and --root"), "\(neither.stderr)")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("reme-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let nothing = try CLI.run(["eval", "--all", "--data", empty.path, "--clip", "x"])
        #expect(nothing.exitCode != 0)
        #expect(nothing.stderr.contains("no benchmark found"), "\(nothing.stderr)")
    }
}
