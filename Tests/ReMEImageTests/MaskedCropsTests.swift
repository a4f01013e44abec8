import ReMETensor
import Testing
@testable import ReMEImage

@Suite struct MaskedCropsTests {
    @Test func matchesTorchBicubicAntialiasedCrops() throws {
        let image = PixelImage(width: 30, height: 20, channels: 3, pixels: try SegmentFixtures.bytes("crop_image.rgb"))
        let labels = try SegmentLabels(width: 30, height: 20, renumbering: SegmentFixtures.int32s("crop_labels.i32"))
        let expected = try SegmentFixtures.floats("crop_expected.f32")
        let crops = try MaskedCrops.batch(image: image, labels: labels, size: 16)
        #expect(crops.shape == [2, 3, 16, 16])
        var worst: Float = 0
        for (a, b) in zip(crops.scalars, expected) { worst = max(worst, abs(a - b)) }
        #expect(worst < 1e-4)
    }

    @Test func outsideOfMaskIsZeroAndSubsetsWork() throws {
        // One bright pixel segment in a 3×3 image: its crop is that pixel upscaled.
        var pixels = [UInt8](repeating: 0, count: 27)
        pixels[12...14] = [255, 255, 255]
        var raw = [Int32](repeating: 0, count: 9)
        raw[4] = 1
        let labels = try SegmentLabels(width: 3, height: 3, renumbering: raw)
        let image = PixelImage(width: 3, height: 3, channels: 3, pixels: pixels)
        let one = try MaskedCrops.batch(image: image, labels: labels, segments: [1], size: 4)
        #expect(one.shape == [1, 3, 4, 4])
        let white = (1 - CropNormalization.clip.mean[0]) / CropNormalization.clip.std[0]
        #expect(one.scalars.prefix(16).allSatisfy { abs($0 - white) < 1e-5 })
        // Segment 0 surrounds the centre: the centre of its crop is pulled towards 0.
        let zero = try MaskedCrops.batch(image: image, labels: labels, segments: [0], size: 3, framing: .stretch)
        #expect(abs(zero.scalars[4]) < abs(zero.scalars[0]))
    }

    @Test func rejectsMismatchedLabelsAndBadIds() throws {
        let image = PixelImage(width: 3, height: 3, channels: 3, pixels: [UInt8](repeating: 1, count: 27))
        let labels = try SegmentLabels(width: 3, height: 2, renumbering: [Int32](repeating: 0, count: 6))
        #expect(throws: SegmentationError.sizeMismatch(what: "label map", expectedWidth: 3, expectedHeight: 3,
                                                       foundWidth: 3, foundHeight: 2)) {
            try MaskedCrops.batch(image: image, labels: labels)
        }
        let good = try SegmentLabels(width: 3, height: 3, renumbering: [Int32](repeating: 0, count: 9))
        #expect(throws: SegmentationError.self) { try MaskedCrops.batch(image: image, labels: good, segments: [1]) }
    }
}
