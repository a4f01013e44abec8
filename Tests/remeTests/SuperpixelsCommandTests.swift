import Foundation
import ReME
import Testing

@Suite struct SuperpixelsCommandTests {
    @Test func writesA16BitLabelMapAndPrintsK() throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let r = try CLI.run(["superpixels", "\(w.images)/2011_000025.jpg", "--preset", "voc", "--short-side", "150",
                             "--output", w.path("labels.png"), "--overlay", w.path("edges.png")])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let k = Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let labels = try UInt16Image(pngSamplesOfFile: w.path("labels.png"))
        #expect(labels.width == 500 && labels.height == 375)
        #expect(k > 1 && Int(labels.pixels.max() ?? 0) + 1 == k)
        #expect(labels.pixels[0] == 0)
        #expect(try PixelImage(contentsOfFile: w.path("edges.png")).width == 500)

        let bad = try CLI.run(["superpixels", "\(w.images)/2011_000025.jpg", "--preset", "nope", "--output", w.path("x.png")])
        #expect(bad.exitCode != 0 && bad.stderr.contains("'nope' is invalid for '--preset"))
        #expect(!FileManager.default.fileExists(atPath: w.path("x.png")))
    }
}
