import Foundation
import ReME
import Testing

/// `reme datasets check` finds the benchmarks of a folder, counts their files and flags
/// unpaired files and label values that are neither a class nor the ignore value.
@Suite struct DatasetsCheckTests {
    @Test func aCleanVOCFolderPasses() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["datasets", "check", w.voc])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stdout.contains("voc21: mmsegmentation layout"), "\(r.stdout)")
        #expect(r.stdout.contains("voc20: mmsegmentation layout"))
        #expect(r.stdout.contains("3 images, 3 label maps, 3 in the split"))
        #expect(r.stdout.contains("21 classes, ignore 255"))
        #expect(!r.stdout.contains("context60"))
    }

    @Test func unpairedFilesAndStrayLabelValuesAreReported() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let ids = PipelineWorkspace.ids
        try FileManager.default.removeItem(atPath: "\(w.voc)/SegmentationClass/\(ids[2]).png")
        let stray = "\(w.voc)/SegmentationClass/\(ids[0]).png"
        try FileManager.default.removeItem(atPath: stray)
        try PixelImage(width: 4, height: 2, channels: 1, pixels: [0, 1, 30, 255, 0, 0, 1, 1]).writePNG(to: stray)
        let r = try CLI.run(["datasets", "check", w.voc])
        #expect(r.exitCode != 0)
        #expect(r.stdout.contains("1 split entries without an image or a label map:\n    \(ids[2])"), "\(r.stdout)")
        #expect(r.stdout.contains("\(stray): 30"), "\(r.stdout)")
        #expect(r.stderr.contains("problems in voc21"), "\(r.stderr)")

        let none = try CLI.run(["datasets", "check", w.clip])
        #expect(none.exitCode != 0)
        #expect(none.stderr.contains("no benchmark found under \(w.clip)"), "\(none.stderr)")
    }
}
