import Foundation
import ReME
import Testing

/// `reme masks` with the tiny SAM checkpoint: prompted and automatic masks against transformers
/// (Tests/Fixtures/sam/amg, scripts/make_sam_amg_fixtures.py), several images, and the errors.
@Suite struct MasksCommandTests {
    static let sam = PipelineWorkspace.fixtures.appendingPathComponent("sam/tiny").path
    static let photo = "\(PipelineWorkspace.labelme)/JPEGImages/2011_000003.jpg"

    struct Entry: Decodable {
        struct Segmentation: Decodable {
            var size: [Int]
            var counts: String
        }
        var segmentation: Segmentation
        var area: Int
        var bbox: [Int]
        var predicted_iou: Float
        var stability_score: Float
        var point_coords: [[Double]]
        var crop_box: [Int]
    }

    static func entries(_ path: String) throws -> [Entry] {
        try JSONDecoder().decode([Entry].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-masks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func promptedMasksMatchSamModel() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("masks.json").path
        let r = try CLI.run(["masks", Self.photo, "--sam", Self.sam, "--points", "250,170;60,300,0", "--multimask",
                             "--output", output])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let entries = try Self.entries(output)
        // model_prompted.json case 0: IoU scores 0.98821, −0.13107, −0.04017.
        let expected: [Float] = [0.9882105588912964, -0.13107073307037354, -0.04017353057861328]
        #expect(entries.map(\.predicted_iou).count == 3)
        for (entry, score) in zip(entries, expected) {
            #expect(abs(entry.predicted_iou - score) <= 1e-4)
            #expect(entry.segmentation.size == [338, 500])
            #expect(entry.point_coords == [[250, 170], [60, 300]])
            #expect(entry.crop_box == [0, 0, 500, 338])
        }
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    @Test func automaticMasksForSeveralImagesGoToAFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let second = "\(PipelineWorkspace.labelme)/JPEGImages/2011_000025.jpg"
        let r = try CLI.run(["masks", Self.photo, second, "--sam", Self.sam, "--points-per-side", "6", "--points-per-batch", "50",
                             "--pred-iou-thresh", "0", "--stability-score-thresh", "0", "--box-nms-thresh", "0.99",
                             "--output", output])
        #expect(r.exitCode == 0, "\(r.stderr)")
        // model_amg.json run 3: the same settings through transformers' pipeline give two masks.
        let first = try Self.entries("\(output)/2011_000003.json")
        #expect(first.map(\.predicted_iou).count == 2)
        #expect(first.allSatisfy { $0.segmentation.size == [338, 500] && $0.point_coords.count == 1 })
        #expect(try Self.entries("\(output)/2011_000025.json").allSatisfy { $0.segmentation.size == [375, 500] })
    }

    @Test func errorsAreOneLineAndWriteNothing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("masks.json").path
        let clip = PipelineWorkspace.fixtures.appendingPathComponent("models/clip_tiny").path
        let cases: [([String], String)] = [
            (["--sam", Self.sam, "--points", "10;20"], "--points: '10' is not x,y or x,y,label"),
            (["--sam", Self.sam, "--points", "10,abc"], "'abc' in '10,abc' is not a number"),
            (["--sam", Self.sam, "--points", "10,20,2"], "must be 1 (foreground) or 0 (background)"),
            (["--sam", Self.sam, "--points", "600,20"], "inside the 500×338 image"),
            (["--sam", Self.sam, "--boxes", "1,2,3"], "--boxes: '1,2,3' is not x0,y0,x1,y1"),
            (["--sam", Self.sam, "--points-per-side", "0"], "--points-per-side 0 is invalid"),
            (["--sam", clip], "not a SAM checkpoint"),
            (["--multimask", "--sam", Self.sam], "--multimask needs --points or --boxes"),
        ]
        for (arguments, message) in cases {
            let r = try CLI.run(["masks", Self.photo] + arguments + ["--output", output])
            #expect(r.exitCode != 0)
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        let missing = try CLI.run(["masks", Self.photo, "--sam", Self.sam, "--output", folder.appendingPathComponent("no/such/m.json").path])
        #expect(missing.exitCode != 0 && missing.stderr.contains("does not exist"))
    }
}
