import Foundation
import Testing

@testable import ReME

/// A segmenter of the test's own: a `cells × cells` grid over the image.
struct GridMasks: MaskGenerator {
    var cells: Int

    func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        let ids = (0..<(image.width * image.height)).map { p in
            Int32((p / image.width) * cells / image.height * cells + (p % image.width) * cells / image.width)
        }
        return try SegmentLabels(width: image.width, height: image.height, renumbering: ids)
    }

    var settingsDescription: String { "grid \(cells)x\(cells)" }
}

/// A classifier of the test's own: a segment's mean gray level is its feature; "dark" scores
/// `1 − level`, "bright" scores `level`, any other label 0.
struct BrightnessClassifier: SegmentClassifier {
    func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        guard case .labelMap(let ids) = masks.storage else { throw MethodError.invalidMasks("a label map") }
        var sums = [Float](repeating: 0, count: masks.count), counts = sums
        for (p, id) in ids.enumerated() {
            sums[Int(id)] += Float(image.pixels[p * image.channels]) / 255
            counts[Int(id)] += 1
        }
        return try Tensor(shape: [masks.count, 1], data: zip(sums, counts).map { $0 / max($1, 1) })
    }

    func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        let levels = features.scalars
        let scores = levels.flatMap { level in
            labels.map { $0 == "bright" ? level : $0 == "dark" ? 1 - level : 0 }
        }
        return try Tensor(shape: [levels.count, labels.count], data: scores)
    }
}

/// New segmenters and classifiers plug into the build and the pipeline without touching them,
/// and the segmenter descriptions that existing work folders recorded stay as they were.
struct SeamTests {
    /// 8×8 gray, left half black and right half white.
    static let halves = PixelImage(width: 8, height: 8, channels: 1,
                                   pixels: (0..<64).map { $0 % 8 < 4 ? 0 : 255 })

    @Test func aToySegmenterAndClassifierRunThePipeline() throws {
        let pipeline = SegmentationPipeline(masks: GridMasks(cells: 2), labeler: SegmentLabeler(classifier: BrightnessClassifier()))
        let output = try pipeline.segment(Self.halves, labels: ["sky", "dark", "bright"], classNames: ["s", "d", "b"])
        #expect(output.segments.count == 4)
        #expect(output.classNames == ["s", "d", "b"])
        #expect(output.classMap == (0..<64).map { $0 % 8 < 4 ? 1 : 2 })
        #expect(output.segmentScores.shape == [4, 3])
        #expect(throws: MethodError.self) { try pipeline.segment(Self.halves, labels: []) }
    }

    @Test func theLabelersBackgroundRuleAppliesToAnyClassifier() throws {
        // Left half black (dark scores 1, bright 0), right half mid-gray (0.5 each: an unsure segment).
        let image = PixelImage(width: 8, height: 8, channels: 1, pixels: (0..<64).map { $0 % 8 < 4 ? 0 : 128 })
        let labeler = SegmentLabeler(classifier: BrightnessClassifier(), background: BackgroundRule(threshold: 0.9, classIndex: 0))
        let output = try SegmentationPipeline(masks: GridMasks(cells: 2), labeler: labeler)
            .segment(image, labels: ["background", "dark", "bright"])
        #expect(output.classMap == (0..<64).map { $0 % 8 < 4 ? 1 : 0 })
    }

    @Test func aToySegmenterDrivesTheBuildAndItsDescriptionKeysTheRecords() throws {
        let f = try BuildFixture()
        defer { f.remove() }
        func stage(cells: Int) throws -> PerImageStage {
            PerImageStage(masks: GridMasks(cells: cells), crops: ToyCropEncoder(), text: ToyTextEncoder(),
                          region: ToyRegionEncoder(), phrases: try PhraseExtractor())
        }
        let first = try f.run(try stage(cells: 4))
        #expect(first.new == 3 && first.skipped.isEmpty, "\(first.skipped)")
        #expect(try f.baseSet().images == 3)
        #expect(try f.run(try stage(cells: 4)).reused == 3)
        #expect(try f.run(try stage(cells: 2)).recomputed == [.settingsChanged: 3])
        let description = PerImageSettings.description(stage: try stage(cells: 2), settings: BuildFixture.settings())
        #expect(description.split(separator: "\n").contains("segments: grid 2x2"))
    }

    /// The texts `build.json`, provenance and record keys held before the segmenter became a
    /// protocol: changing them would make every existing work folder recompute or refuse.
    @Test func felzenszwalbAndImportedMasksDescribeThemselvesAsBefore() throws {
        let felzenszwalb = FelzenszwalbMasks(SuperpixelOptions())
        #expect(felzenszwalb.settingsDescription == "felzenszwalb scale=100.0 sigma=1.0 min_size=20 short_side=448")
        #expect(felzenszwalb.recordKeyDescription
                == "felzenszwalb scale=100.0 sigma=1.0 min_size=20 short_side=448 max_pixels=\(Felzenszwalb.defaultMaxPixels)")
        let native = FelzenszwalbMasks(SuperpixelOptions(parameters: FelzenszwalbParameters(scale: 500, sigma: 0.5, minSize: 7),
                                                         shortSide: nil))
        #expect(native.settingsDescription == "felzenszwalb scale=500.0 sigma=0.5 min_size=7 short_side=native")
        #expect(felzenszwalb.maskFile(for: "a.png") == nil)

        let f = try BuildFixture()
        defer { f.remove() }
        try f.writeMasks(bands: 2, for: "a.png")
        let imported = try ImportedMasks(path: f.masksFolder.path)
        #expect(imported.settingsDescription == "external masks \(f.masksFolder.path)")
        // Changed on purpose once: JSON masks overlap since then, so their old records recompute.
        #expect(imported.recordKeyDescription == "external masks overlapping")
        #expect(imported.maskFile(for: "sub/a.png")?.lastPathComponent == "a.png")
        #expect(imported.maskFile(for: "b.png") == nil)
        #expect(BuildSettings(clip: Self.identity("clip"), visual: Self.identity("visual"), segmenter: imported, denseShortSide: 448,
                              shardCount: 1, captions: "c").segmenter == "external masks \(f.masksFolder.path)")
    }

    static func identity(_ name: String) -> ModelIdentity {
        ModelIdentity(name: name, modelType: "toy", configSHA256: "config-\(name)", weightsFingerprint: "weights-\(name)")
    }
}
