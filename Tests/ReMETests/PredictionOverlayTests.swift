import Foundation
@testable import ReME
import Testing

/// `reme segment --overlay` draws only the label named "background" in the palette's black entry.
@Suite struct PredictionOverlayTests {
    private static func output(_ names: [String]) throws -> SegmentationOutput {
        let segments = try SegmentLabels(width: 2, height: 1, renumbering: [0, 1])
        return SegmentationOutput(width: 2, height: 1, classMap: [1, 0], segments: segments,
                                  segmentScores: Tensor(zeros: [2, names.count]), classNames: names, timings: StageTimings())
    }

    @Test func theLabelNamedBackgroundIsTheOnlyBlackClass() throws {
        #expect(BackgroundRule.classIndex(in: ["cat", "Background", "dog"]) == 1)
        #expect(BackgroundRule.classIndex(in: ["cat", "dog"]) == nil)
        let photo = PixelImage(width: 2, height: 1, channels: 3, pixels: [UInt8](repeating: 200, count: 6))
        let plain = try PredictionFiles.overlay(Self.output(["猫", "dog"]), photo: photo)
        let swatchless = try ClassOverlay.render(image: photo, classMap: [1, 0], classNames: ["猫", "dog"], legend: false)
        // Pixel 1 (class 0) has no right neighbour, so no boundary: its colour is the blend.
        #expect(Array(plain.pixels[3..<6]) == Array(swatchless.pixels[3..<6]))
        #expect(plain.width > 2)  // the legend is attached
        let black = try ClassOverlay.render(image: photo, classMap: [1, 0], classNames: ["background", "dog"], opacity: 1,
                                            boundaries: false, legend: false, backgroundClass: 0)
        let withBackground = try PredictionFiles.overlay(Self.output(["background", "dog"]), photo: photo)
        #expect(Array(black.pixels[3..<6]) == [0, 0, 0])
        // Half-opacity blend of 200 with black, as the overlay draws the background class.
        #expect(Array(withBackground.pixels[3..<6]) == [100, 100, 100])
        #expect(Array(plain.pixels[3..<6]) == [164, 100, 100])  // "猫" is class 0 with VOC entry 1, (128, 0, 0)
    }
}
