import Foundation
import ReME
import Testing

/// The whole path through the command line on real photos with tiny random-weight models:
/// the numbers are meaningless, the mechanics are not.
@Suite(.serialized) struct PipelineCommandTests {
    @Test func zeroReferenceSegmentWritesAnIndexedPredictionAndJSON() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, table, floor, wall",
                             "--clip", w.clip, "--output", w.path("pred.png"), "--overlay", w.path("overlay.png"),
                             "--json"] + PipelineWorkspace.fastOptions)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let classes = json?["classes"] as? [[String: Any]] ?? []
        #expect(classes.map { $0["name"] as? String } == ["person", "table", "floor", "wall"])
        let shares = classes.compactMap { $0["share"] as? Double }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        let prediction = try UInt16Image(labelMapOfFile: w.path("pred.png"))
        #expect(prediction.width == 500 && prediction.height == 338)
        #expect(prediction.pixels.allSatisfy { $0 < 4 })
        let overlay = try PixelImage(contentsOfFile: w.path("overlay.png"))
        #expect(overlay.width >= 500 && overlay.height >= 338)
    }

    @Test func buildInfoSegmentAndEvalWithAReferenceSet() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let build = try CLI.run(w.buildArguments(output: refset))
        #expect(build.exitCode == 0, "\(build.stderr)")
        #expect(build.stdout.contains("reference set:"))

        let info = try CLI.run(["refset", "info", refset, "--json"])
        #expect(info.exitCode == 0, "\(info.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any]
        #expect((summary?["segments"] as? Int ?? 0) > 0)
        let provenance = summary?["provenance"] as? [String: String] ?? [:]
        #expect(provenance["images"] == "3")
        #expect(provenance["clip_model"] == w.clip)
        #expect(provenance["k_sim"] == "off")
        #expect(provenance["synonyms"]?.hasPrefix("wordnet") == true)
        #expect(provenance["ambiguous_filter"]?.hasPrefix("abstract-roots") == true)

        // Running again with the paper's global stage reuses every image and records the rules.
        let roots = w.path("drop.txt")
        try "# roots never to keep\nbus\n".write(toFile: roots, atomically: true, encoding: .utf8)
        let again = try CLI.run(w.buildArguments(output: refset, ["--ambiguous-filter", "kneedle", "--k-sim", "30",
                                                                  "--reassign"]))
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 processed now, 3 reused"), "\(again.stdout)")
        let paper = try JSONSerialization.jsonObject(with: Data(try CLI.run(["refset", "info", refset, "--json"]).stdout.utf8))
        let paperProvenance = (paper as? [String: Any])?["provenance"] as? [String: String] ?? [:]
        #expect(paperProvenance["ambiguous_filter"] == "kneedle")
        #expect(paperProvenance["synonyms"] == "k_sim=30" && paperProvenance["k_sim"] == "30")
        #expect(paperProvenance["reassignment"] == "on")
        let listed = try CLI.run(w.buildArguments(output: refset, ["--drop-roots", roots, "--synonyms", "off"]))
        #expect(listed.exitCode == 0, "\(listed.stderr)")
        let listedInfo = try JSONSerialization.jsonObject(with: Data(try CLI.run(["refset", "info", refset, "--json"]).stdout.utf8))
        let listedProvenance = (listedInfo as? [String: Any])?["provenance"] as? [String: String] ?? [:]
        #expect(listedProvenance["ambiguous_filter"]?.contains("drop=1") == true)
        #expect(listedProvenance["synonyms"] == "off")
        let contradiction = try CLI.run(w.buildArguments(output: refset, ["--synonyms", "off", "--k-sim", "5"]))
        #expect(contradiction.exitCode != 0 && contradiction.stderr.contains("--k-sim"))

        let segment = try CLI.run(["segment", "\(w.images)/2011_000025.jpg", "--labels", "bus, car, road, tree, sky",
                                   "--clip", w.clip, "--visual", w.dino, "--reference", refset,
                                   "--output", w.path("p.png")] + PipelineWorkspace.fastOptions)
        #expect(segment.exitCode == 0, "\(segment.stderr)")

        let results = w.path("results.json")
        let eval = try CLI.run(["eval", "--dataset", "voc21", "--root", w.voc, "--clip", w.clip, "--visual", w.dino,
                                "--reference", refset, "--limit", "2", "--predictions", w.path("preds"),
                                "--output", results] + PipelineWorkspace.fastOptions)
        #expect(eval.exitCode == 0, "\(eval.stderr)")
        let scores = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any]
        #expect(scores?["dataset"] as? String == "voc21")
        #expect(scores?["images"] as? Int == 2)
        let miou = scores?["mIoU"] as? Double ?? -1
        #expect(miou >= 0 && miou <= 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.path("preds")).sorted()
                == ["2011_000003.png", "2011_000006.png"])
    }

    @Test func aReferenceSetBuiltWithOtherEncodersIsRefused() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let build = try CLI.run(w.buildArguments(output: refset))
        #expect(build.exitCode == 0, "\(build.stderr)")
        // Another DINOv2 (registers variant) is loaded as the visual model.
        let other = PipelineWorkspace.fixtures.appendingPathComponent("models/dinov2_registers").path
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall", "--clip", w.clip,
                             "--visual", other, "--reference", refset, "--output", w.path("p.png")])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("was built with the visual model"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func badInputGivesOneLineErrors() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let image = "\(w.images)/2011_000003.jpg"
        let cases: [([String], String)] = [
            (["segment", image, "--labels", " , ", "--clip", w.clip, "--output", w.path("x.png")], "no labels"),
            (["segment", image, "--labels", "cat, Cat", "--clip", w.clip, "--output", w.path("x.png")], "given twice"),
            (["segment", w.path("missing.jpg"), "--labels", "cat", "--clip", w.clip, "--output", w.path("x.png")], "missing.jpg"),
            (["segment", image, "--labels", "cat", "--clip", w.path("nomodel"), "--output", w.path("x.png")], "nomodel"),
            (["eval", "--dataset", "voc21", "--root", w.images, "--clip", w.clip], "SegmentationClass"),
            (["eval", "--dataset", "voc99", "--root", w.voc], "voc21"),
            (["build", "--images", w.path("none"), "--captions", w.captions, "--clip", w.clip, "--visual", w.dino,
              "--output", w.path("r.safetensors")], "none"),
            (["refset", "info", w.captions], "captions.jsonl"),
        ]
        for (arguments, expected) in cases {
            let r = try CLI.run(arguments)
            #expect(r.exitCode != 0, "\(arguments)")
            #expect(r.stderr.contains(expected), "\(arguments): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: w.path("x.png")))
        #expect(!FileManager.default.fileExists(atPath: w.path("r.safetensors")))
    }
}

@Suite struct ExternalMaskCommandTests {
    @Test func segmentUsesExternalMasksAndIsConstantInsideEach() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        // The ground-truth label map stands in for a SAM export: 4 regions.
        let masks = "\(w.voc)/SegmentationClass/2011_000003.png"
        let r = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall, floor",
                             "--clip", w.clip, "--masks", masks, "--output", w.path("p.png"), "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let regions = try UInt16Image(labelMapOfFile: masks)
        #expect(json?["segments"] as? Int == Set(regions.pixels).count)
        let prediction = try UInt16Image(labelMapOfFile: w.path("p.png"))
        var classOfRegion: [UInt16: UInt16] = [:]
        for (region, cls) in zip(regions.pixels, prediction.pixels) {
            #expect(classOfRegion[region, default: cls] == cls)
            classOfRegion[region] = cls
        }

        // A SAM-style JSON with one uncompressed-RLE mask covering the top half.
        let (width, height) = (500, 338)
        var counts = [0]  // column-major runs, starting with zeros
        for _ in 0..<width { counts += [height / 2, height - height / 2] }
        let sam: [[String: Any]] = [["segmentation": ["size": [height, width], "counts": counts], "area": 1]]
        try JSONSerialization.data(withJSONObject: sam).write(to: URL(fileURLWithPath: w.path("sam.json")))
        let s = try CLI.run(["segment", "\(w.images)/2011_000003.jpg", "--labels", "person, wall", "--clip", w.clip,
                             "--masks", w.path("sam.json"), "--output", w.path("q.png"), "--json"])
        #expect(s.exitCode == 0, "\(s.stderr)")
        let sj = try JSONSerialization.jsonObject(with: Data(s.stdout.utf8)) as? [String: Any]
        #expect(sj?["segments"] as? Int == 2)

        let bad = try CLI.run(["segment", "\(w.images)/2011_000006.jpg", "--labels", "a, b", "--clip", w.clip,
                               "--masks", w.path("sam.json"), "--output", w.path("z.png")])
        #expect(bad.exitCode != 0)
        #expect(!FileManager.default.fileExists(atPath: w.path("z.png")))
    }
}
