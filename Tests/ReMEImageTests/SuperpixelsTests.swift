import Testing
@testable import ReMEImage

@Suite struct SuperpixelsTests {
    static func stripes(width: Int, height: Int) -> PixelImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height { for x in 0..<width where (x * 4 / width) % 2 == 1 {
            for c in 0..<3 { pixels[(y * width + x) * 3 + c] = 200 }
        } }
        return PixelImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    @Test func shortSideResizeMapsBackToOriginalSize() throws {
        let image = Self.stripes(width: 120, height: 60)
        let labels = try Superpixels.segment(image, options: .init(parameters: .init(sigma: 0.5, minSize: 200), shortSide: 30))
        #expect(labels.width == 120 && labels.height == 60)
        #expect(labels.count == 4)
        #expect(labels.labels[0] == 0 && labels.labels[119] == 3)
        let native = try Superpixels.segment(image, options: .init(parameters: .init(sigma: 0.5, minSize: 200), shortSide: nil))
        #expect(native.count == 4)
    }

    @Test func resizedSizeKeepsAspect() {
        #expect(Superpixels.size(width: 500, height: 375, shortSide: 448) == (597, 448))
        #expect(Superpixels.size(width: 375, height: 500, shortSide: 448) == (448, 597))
    }

    @Test func nearestResizeUsesPixelCentres() throws {
        let labels = try SegmentLabels(width: 2, height: 1, renumbering: [4, 9])
        let up = labels.resizedNearest(width: 5, height: 2)
        #expect(up.labels == [0, 0, 1, 1, 1, 0, 0, 1, 1, 1])  // source ⌊(i + 0.5)·2/5⌋
        let down = try SegmentLabels(width: 4, height: 1, renumbering: [1, 2, 3, 4]).resizedNearest(width: 2, height: 1)
        #expect(down.count == 2 && down.labels == [0, 1])
    }

    @Test func hugeImagesNeedDownscaling() throws {
        let options = SuperpixelOptions(shortSide: 40, maxPixels: 1000)
        #expect(throws: SegmentationError.tooLarge(width: 80, height: 40, maxPixels: 1000)) {
            try Superpixels.segment(Self.stripes(width: 120, height: 60), options: options)
        }
        #expect(throws: SegmentationError.self) {
            try Superpixels.segment(Self.stripes(width: 12, height: 6), options: .init(shortSide: 0))
        }
    }

    @Test func overlayMarksBoundaries() throws {
        let labels = try SegmentLabels(width: 3, height: 2, renumbering: [0, 0, 1, 0, 0, 1])
        let image = PixelImage(width: 3, height: 2, channels: 1, pixels: [10, 20, 30, 40, 50, 60])
        let overlay = try BoundaryOverlay.draw(labels, on: image, color: (255, 0, 0))
        #expect(overlay.channels == 3)
        #expect(Array(overlay.pixels[0..<3]) == [10, 10, 10])
        #expect(Array(overlay.pixels[3..<6]) == [255, 0, 0])
        #expect(Array(overlay.pixels[6..<9]) == [30, 30, 30])
        #expect(throws: SegmentationError.self) {
            try BoundaryOverlay.draw(labels, on: PixelImage(width: 2, height: 2, channels: 1, pixels: [0, 0, 0, 0]))
        }
    }
}
