import Foundation
import ReME
import Testing

/// Bad input through the real binary: one line on stderr, non-zero exit, nothing left behind.
@Suite(.serialized) struct ErrorContractTests {
    // MARK: output paths, checked before the work starts

    @Test func evalRefusesAnOutputInAMissingFolderBeforeEvaluating() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["eval", "--dataset", "voc21", "--root", w.voc, "--clip", w.clip,
                             "--output", "/nonexistent/e.json", "--predictions", w.path("preds")]
                            + PipelineWorkspace.fastOptions)
        expectCleanFailure(r, mentions: ["--output /nonexistent/e.json", "/nonexistent does not exist"])
        #expect(!r.stdout.contains("mIoU"), "evaluated before failing: \(r.stdout)")
        #expect(!fileExists(w.path("preds")))
    }

    @Test func segmentOfSeveralImagesRefusesAFileAsOutputFolder() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let existing = w.path("existing.png")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: existing))
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "\(w.images)/2011_000006.jpg",
                             "--labels", "person, wall", "--clip", w.clip, "--output", existing]
                            + PipelineWorkspace.fastOptions)
        expectCleanFailure(r, mentions: [existing, "is a file", "2 images need a folder"])
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
    }

    @Test func buildRefusesAFolderAsOutputFile() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let folder = w.path("out")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let r = try CLI.run(w.buildArguments(output: folder))
        expectCleanFailure(r, mentions: ["--output \(folder) is a folder"])
        #expect(!fileExists(folder + ".build"))
    }

    // MARK: nothing partial left behind

    @Test func malformedCaptionsLeaveNoOutput() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let bad = w.path("bad.jsonl")
        try Data("{\"image\": \"2011_000003.jpg\"\nnot json\n".utf8).write(to: URL(fileURLWithPath: bad))
        let refset = w.path("r.safetensors")
        let build = try CLI.run(["build", "--images", w.images, "--captions", bad, "--clip", w.clip,
                                 "--visual", w.dino, "--output", refset] + PipelineWorkspace.fastOptions)
        expectCleanFailure(build, mentions: ["bad.jsonl"])
        #expect(!fileExists(refset))
        #expect(!fileExists(refset + ".build"))

        let captions = w.path("out.jsonl")
        let caption = try CLI.run(["caption", "--images", w.images, "--from", bad, "--output", captions])
        expectCleanFailure(caption, mentions: ["bad.jsonl"])
        #expect(!fileExists(captions))
    }

    @Test func anUnwritableOverlayLeavesNoPrediction() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let prediction = w.path("pred.png")
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall", "--clip", w.clip,
                             "--output", prediction, "--overlay", w.path("missing/overlay.png")]
                            + PipelineWorkspace.fastOptions)
        expectCleanFailure(r, mentions: ["--overlay", "missing does not exist"])
        #expect(!fileExists(prediction))
    }

    @Test func aMissingLegendFontStopsBeforeAnyWork() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let prediction = w.path("pred.png")
        var environment = ProcessInfo.processInfo.environment
        environment["REME_FONT"] = w.path("no-such-font.ttf")
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall", "--clip", w.clip,
                             "--output", prediction, "--overlay", w.path("overlay.png")] + PipelineWorkspace.fastOptions,
                            environment: environment)
        expectCleanFailure(r, mentions: ["--overlay", "no-such-font.ttf", "does not exist"])
        #expect(!fileExists(prediction) && !fileExists(w.path("overlay.png")))
    }

    @Test func emptyCaptionsAreSkippedAndReported() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let source = w.path("some-empty.jsonl")
        try Data(("{\"image\":\"2011_000003.jpg\",\"caption\":\"A man at a table.\"}\n"
                  + "{\"image\":\"2011_000006.jpg\",\"caption\":\"\"}\n"
                  + "{\"image\":\"2011_000025.jpg\",\"caption\":\"  \\n \"}\n").utf8).write(to: URL(fileURLWithPath: source))
        let output = w.path("out.jsonl")
        let r = try CLI.run(["caption", "--images", w.images, "--from", source, "--output", output])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("skipped 2 empty caption(s)"), "\(r.stderr)")
        #expect(r.stderr.contains("is empty"), "\(r.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines == [#"{"image":"2011_000003.jpg","caption":"A man at a table."}"#])
    }

    @Test func buildWithAnEmptyCaptionsFileSaysSo() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let empty = w.path("empty.jsonl")
        try Data().write(to: URL(fileURLWithPath: empty))
        let refset = w.path("r.safetensors")
        let r = try CLI.run(["build", "--images", w.images, "--captions", empty, "--clip", w.clip, "--visual", w.dino,
                             "--output", refset] + PipelineWorkspace.fastOptions)
        expectCleanFailure(r, mentions: ["\(empty) has no captions"])
        #expect(!r.stderr.contains("filtered out"))
        #expect(!fileExists(refset))
    }

    // MARK: messages that say what is wrong

    @Test func otherWeightsOfTheSameConfigAreTold() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let build = try CLI.run(w.buildArguments(output: refset))
        #expect(build.exitCode == 0, "\(build.stderr)")
        let other = w.path("dino-other")
        try FileManager.default.copyItem(atPath: w.dino, toPath: other)
        try perturbFirstWeight(of: other + "/model.safetensors")
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall", "--clip", w.clip,
                             "--visual", other, "--reference", refset, "--output", w.path("p.png")]
                            + PipelineWorkspace.fastOptions)
        expectCleanFailure(r, mentions: ["was built with the visual model", "weights"])
        let descriptions = r.stderr.components(separatedBy: "(dinov2, ").dropFirst().map { $0.prefix { $0 != ")" } }
        #expect(descriptions.count == 2 && descriptions[0] != descriptions[1], "\(r.stderr)")
        #expect(!fileExists(w.path("p.png")))
    }

    @Test func aTooLargeSegmentingSizeNamesTheCommandsOwnFlag() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let strip = w.path("strip.png")
        try PixelImage(width: 20000, height: 1, channels: 3, pixels: [UInt8](repeating: 128, count: 60000))
            .writePNG(to: strip)
        let r = try CLI.run(["segment", strip, "--labels", "sky, road", "--clip", w.clip, "--output", w.path("p.png")])
        expectCleanFailure(r, mentions: ["--segment-short-side"])
        #expect(!r.stderr.contains("--short-side 448"))
        #expect(!fileExists(w.path("p.png")))
    }

    @Test func aTruncatedWeightsFileIsNamed() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let weights = w.clip + "/model.safetensors"
        let data = try Data(contentsOf: URL(fileURLWithPath: weights))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: weights))
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "sky", "--clip", w.clip,
                             "--output", w.path("p.png")])
        expectCleanFailure(r, mentions: [weights])
        #expect(!r.stderr.contains("(file)"))
    }

    @Test func aMissingHubModelSaysHowToFetchIt() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "sky", "--clip", "nobody/no-model",
                             "--output", w.path("p.png")], environment: ["HF_HUB_CACHE": w.path("hub")])
        expectCleanFailure(r, mentions: ["nobody/no-model", "reme models fetch nobody/no-model"])
    }

    @Test func libraryAdviceIsPhrasedWithTheCommandsFlags() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let labels = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", " , ", "--clip", w.clip,
                                  "--output", w.path("p.png")])
        expectCleanFailure(labels, mentions: ["no labels given", "--labels"])
        let context = w.path("ctx")
        for sub in ["images/validation", "annotations_ctx459/validation"] {
            try FileManager.default.createDirectory(atPath: "\(context)/\(sub)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: "\(w.images)/2011_000003.jpg", toPath: "\(context)/images/validation/a.jpg")
        try Data().write(to: URL(fileURLWithPath: "\(context)/annotations_ctx459/validation/a.tif"))
        let names = try CLI.run(["eval", "--dataset", "context459", "--root", context, "--clip", w.clip])
        expectCleanFailure(names, mentions: ["context459 needs its class names", "--class-names FILE"])
    }

    /// Library messages never name command-line flags: only the CLI knows which it has.
    @Test func librarySourcesNameNoFlags() throws {
        let sources = PipelineWorkspace.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let fm = FileManager.default
        var offenders: [String] = []
        for module in try fm.contentsOfDirectory(atPath: sources.path) where module.hasPrefix("ReME") {
            let root = sources.appendingPathComponent(module)
            for case let file as String in fm.enumerator(atPath: root.path) ?? FileManager.DirectoryEnumerator()
            where file.hasSuffix(".swift") {
                let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.drop { $0 == " " }
                    if code.hasPrefix("//") { continue }
                    if line.contains("\"") && line.range(of: #"--[a-z]"#, options: .regularExpression) != nil {
                        offenders.append("\(module)/\(file):\(n + 1)")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    // MARK: enumerated options

    @Test func enumeratedOptionsAreCheckedBeforeAnyWork() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        expectUsageError(try CLI.run(["eval", "--dataset", "voc22", "--root", w.voc]), mentions: ["voc22", "voc21", "ade150"])
        expectUsageError(try CLI.run(["segment", "x.jpg", "--labels", "a", "--output", "p.png", "--preset", "vco"]),
                         mentions: ["vco", "context"])
        let refset = w.path("r.safetensors")
        expectUsageError(try CLI.run(w.buildArguments(output: refset, ["--shard", "3/2"])), mentions: ["3/2", "i/N"])
        expectUsageError(try CLI.run(w.buildArguments(output: refset, ["--shard", "two"])), mentions: ["two", "i/N"])
        #expect(!fileExists(refset + ".build"))
        let help = try CLI.run(["eval", "--help"])
        #expect(help.stdout.contains("coco-stuff"))
    }
}

/// Flips the lowest bit of the first byte of tensor data: other weights, same config and header.
private func perturbFirstWeight(of path: String) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    let headerLength = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
    data[8 + headerLength] ^= 1
    try data.write(to: URL(fileURLWithPath: path))
}
