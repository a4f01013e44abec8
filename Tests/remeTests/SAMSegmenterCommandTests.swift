import Foundation
import ReME
import Testing

/// `--segmenter sam` in `segment` and `build` with the tiny SAM checkpoint: the paper's SAM
/// configuration end to end with no Python, and its errors.
@Suite(.serialized) struct SAMSegmenterCommandTests {
    static let sam = PipelineWorkspace.fixtures.appendingPathComponent("sam/tiny").path
    /// A 4×4 grid and no thresholds, so that random weights leave masks (and gaps between them).
    static let samOptions = ["--segmenter", "sam", "--sam", sam, "--points-per-side", "4", "--pred-iou-thresh", "0",
                             "--stability-score-thresh", "0"]

    @Test func segmentWithSAMMasksCoversEveryPixelWithAClass() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, table, floor",
                             "--clip", w.clip, "--output", w.path("p.png"), "--json"] + Self.samOptions)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((json?["segments"] as? Int ?? 0) > 1)
        let prediction = try UInt16Image(labelMapOfFile: w.path("p.png"))
        #expect(prediction.width == 500 && prediction.height == 338)
        #expect(prediction.pixels.allSatisfy { $0 < 3 })
    }

    @Test func buildRecordsTheSAMSegmenterInProvenanceAndResumes() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let build = try CLI.run(w.buildArguments(output: refset, Self.samOptions))
        #expect(build.exitCode == 0, "\(build.stderr)")
        let info = try CLI.run(["refset", "info", refset, "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        let provenance = summary?["provenance"] as? [String: String] ?? [:]
        #expect(provenance["segmenter"]?.hasPrefix("sam model=\(Self.sam) points_per_side=4 pred_iou_thresh=0.0") == true,
                "\(provenance["segmenter"] ?? "none")")
        #expect((summary?["segments"] as? Int ?? 0) > 0)
        let again = try CLI.run(w.buildArguments(output: refset, Self.samOptions))
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 processed now, 3 reused"), "\(again.stdout)")
    }

    @Test func wrongSAMChoicesAreOneLineErrorsBeforeAnyWork() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let base = ["segment", "\(w.images)/2011_000003.jpg", "--labels", "a, b", "--clip", w.clip, "--output", w.path("x.png")]
        let cases: [([String], String)] = [
            (["--segmenter", "sam"], "--segmenter sam needs --sam MODEL"),
            (["--sam", Self.sam, "--masks", w.path("none.json")], "--masks and --segmenter sam"),
            (["--segmenter", "felzenszwalb", "--sam", Self.sam], "--segmenter is felzenszwalb"),
            (["--sam", w.clip], "clip"),
            (["--sam", Self.sam, "--points-per-side", "0"], "points-per-side"),
        ]
        for (extra, message) in cases {
            let r = try CLI.run(base + extra)
            #expect(r.exitCode != 0, "\(extra)")
            #expect(r.stderr.lowercased().contains(message.lowercased()), "\(extra): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(extra): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: w.path("x.png")))
    }
}
