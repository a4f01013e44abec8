import Foundation
import ReME
import Testing

/// The automatic mask generator against transformers' mask-generation pipeline run with the
/// same formula decoder (Tests/Fixtures/sam/amg/formula_amg.json), and its pieces.
struct SAMMaskGenerationTests {
    @Test(arguments: 0..<4) func matchesThePipelineWithAFormulaDecoder(run index: Int) throws {
        let runs = try SAMPipelineRun.load("formula_amg.json")
        let run = try #require(runs.indices.contains(index) ? runs[index] : nil)
        let image = try SAMFixturePhotos.image(run.settings.image)
        let generator = try SAMAutomaticMaskGenerator(model: SAMFormulaModel(), settings: run.settings.generator)
        let masks = try generator.generate(image)
        #expect(!run.masks.isEmpty || index == 2)
        let figures = try compareWithPipeline(masks, run.masks)
        print("formula run \(index): \(masks.count) masks, IoU ≥ \(figures.iou), score gap \(figures.score)")
        for mask in masks {
            #expect(mask.segmentation.width == image.width && mask.segmentation.height == image.height)
            #expect(mask.pointCoords.count == 1)
        }
    }

    struct NMSFixture: Decodable {
        var boxes: [[Int]], scores: [Float]
        var cases: [Case]
        struct Case: Decodable { var threshold: Float, keep: [Int] }
    }

    @Test func nmsMatchesTorchvision() throws {
        let fixture = try JSONDecoder().decode(NMSFixture.self, from: Data(contentsOf: fixtureURL("sam/amg/nms.json")))
        for c in fixture.cases {
            let keep = SAMBoxNMS.keep(boxes: fixture.boxes.map { $0.map(Float.init) }, scores: fixture.scores,
                                      threshold: c.threshold)
            #expect(keep == c.keep, "threshold \(c.threshold)")
        }
    }

    @Test func cropsFollowTransformers() {
        // _generate_per_layer_crops((338, 500), 1 layer, 512/1500): overlap int(0.3413·338) = 115,
        // crops ceil((115 + 500) / 2) = 308 wide and ceil((115 + 338) / 2) = 227 tall.
        let crops = SAMCropGrid.crops(width: 500, height: 338, layers: 1, overlapRatio: 512.0 / 1500.0)
        #expect(crops.map(\.box) == [[0, 0, 500, 338], [0, 0, 308, 227], [0, 112, 308, 338], [193, 0, 500, 227],
                                     [193, 112, 500, 338]])
        #expect(SAMCropGrid.pointsPerSide(32, layer: 2, downscaleFactor: 2) == 8)
        let grid = SAMCropGrid.unitGrid(4)
        #expect(grid.count == 16 && grid[0] == SIMD2(0.125, 0.125) && grid[1] == SIMD2(0.375, 0.125) && grid[15] == SIMD2(0.875, 0.875))
    }

    @Test func statisticsOfOneMask() {
        // 4×3 logits: stability |> 1| / |> −1|, box of > 0, crop-edge test.
        let logits: [Float] = [-2, 0.5, 2, -2,
                               -2, 3, 2, -0.5,
                               -2, -2, -2, -2]
        logits.withUnsafeBufferPointer { l in
            #expect(SAMMaskStatistics.stabilityScore(l, threshold: 0, offset: 1) == Float(3) / Float(5))
            #expect(SAMMaskStatistics.box(l, width: 4, height: 3, threshold: 0) == [1, 0, 2, 1])
        }
        let empty = [Float](repeating: -5, count: 6)
        empty.withUnsafeBufferPointer { l in
            #expect(SAMMaskStatistics.stabilityScore(l, threshold: 0, offset: 1) == 0)
            #expect(SAMMaskStatistics.box(l, width: 3, height: 2, threshold: 0) == [0, 0, 0, 0])
        }
        // A box at an inner crop edge is dropped; at the image edge it is kept.
        #expect(SAMMaskStatistics.isNearCropEdge([0, 50, 10, 60], crop: [100, 0, 300, 200], imageWidth: 500, imageHeight: 338))
        #expect(!SAMMaskStatistics.isNearCropEdge([0, 50, 10, 60], crop: [0, 0, 300, 200], imageWidth: 500, imageHeight: 338))
    }

    @Test func settingsAreValidated() {
        var settings = SAMMaskGenerationSettings()
        #expect(settings.pointsPerSide == 32 && settings.pointsPerBatch == 64 && settings.predIoUThresh == 0.88)
        #expect(settings.stabilityScoreThresh == 0.95 && settings.boxNMSThresh == 0.7 && settings.cropNLayers == 0)
        settings.pointsPerSide = 0
        #expect(throws: MethodError.self) { try settings.validated() }
        settings.pointsPerSide = 4
        settings.predIoUThresh = 1.5
        #expect(throws: MethodError.self) { try SAMAutomaticMaskGenerator(model: SAMFormulaModel(), settings: settings) }
    }

    @Test func smallRegionsAreRemovedAndNMSRerun() throws {
        // 12×10 mask: a 6×6 square with a one-pixel hole, plus a 2-pixel island.
        var pixels = [UInt8](repeating: 0, count: 120)
        for y in 1..<7 { for x in 1..<7 { pixels[y * 12 + x] = 1 } }
        pixels[3 * 12 + 3] = 0
        pixels[9 * 12 + 10] = 1; pixels[9 * 12 + 11] = 1
        let mask = SAMGeneratedMask(segmentation: COCOMask(mask: pixels, width: 12, height: 10), bbox: [1, 1, 10, 8],
                                    predictedIoU: 0.9, stabilityScore: 0.97, pointCoords: [[2, 2]], cropBox: [0, 0, 12, 10])
        var settings = SAMMaskGenerationSettings()
        settings.minMaskRegionArea = 4
        let cleaned = try SAMSmallRegions.postprocess([mask], minArea: settings.minMaskRegionArea, nmsThreshold: settings.boxNMSThresh)
        #expect(cleaned.count == 1)
        #expect(cleaned.first?.area == 36)
        #expect(cleaned.first?.bbox == [1, 1, 5, 5])
    }
}

/// `SAMMasks`, the `MaskGenerator` for `--segmenter sam`, on the formula model.
struct SAMMasksTests {
    @Test func givesTheGeneratedMasksOverlappingAndAFlattenedPartition() throws {
        var settings = SAMMaskGenerationSettings()
        settings.pointsPerSide = 3
        settings.predIoUThresh = 0
        settings.stabilityScoreThresh = 0
        let generator = try SAMAutomaticMaskGenerator(model: SAMFormulaModel(), settings: settings)
        let identity = ModelIdentity(name: "formula", modelType: "sam", configSHA256: "c", weightsFingerprint: "w")
        let masks = SAMMasks(generator: generator, model: identity)
        let image = PixelImage(width: 120, height: 80, channels: 3, pixels: [UInt8](repeating: 128, count: 120 * 80 * 3))
        let generated = try generator.generate(image)
        #expect(!generated.isEmpty)
        let segmentMasks = try masks.masks(for: image, name: "x.png")
        guard case let .overlapping(overlapping) = segmentMasks.storage else {
            Issue.record("SAM masks should stay overlapping")
            return
        }
        // Every generated mask is kept as it is; uncovered regions come after them.
        #expect(overlapping.coveredMaskCount == generated.count)
        #expect(Array(overlapping.areas().prefix(generated.count)) == generated.map(\.area))
        let labels = try masks.segments(for: image, name: "x.png")
        #expect(labels.width == 120 && labels.height == 80 && labels.count >= 1)
        #expect(masks.settingsDescription.hasPrefix("sam model=formula points_per_side=3 "))
        #expect(masks.recordKeyDescription.hasPrefix("sam config=c weights=w points_per_side=3 "))
    }
}

/// SAM's JSON as `reme masks` writes it reads back through `--masks` (`ExternalMasks`), including
/// compressed counts that contain a backslash.
struct SAMMaskJSONTests {
    @Test func roundTripsThroughExternalMasks() throws {
        let (width, height) = (40, 30)
        let run = try #require((1..<(width * height)).first { COCORLE.compressed(runs: [$0]).contains("\\") })
        let mask = SAMGeneratedMask(segmentation: COCOMask(width: width, height: height, runs: [run, width * height - run]),
                                    bbox: [0, 0, 1, 1], predictedIoU: 0.5, stabilityScore: 0.25, pointCoords: [[1.5, 2]],
                                    cropBox: [0, 0, width, height])
        let data = SAMMaskJSON.encode([mask])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let segmentation = try #require(json.first?["segmentation"] as? [String: Any])
        #expect(segmentation["counts"] as? String == mask.segmentation.compressedCounts)
        #expect(json.first?["area"] as? Int == width * height - run)
        let labels = try ExternalMasks.labels(fromMaskJSON: data, width: width, height: height)
        #expect(labels.count == 2)
        #expect(SAMMaskJSON.encode([]) == Data("[]\n".utf8))
    }
}
