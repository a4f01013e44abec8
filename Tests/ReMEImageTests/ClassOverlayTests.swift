import Foundation
@testable import ReMEImage
import Testing

@Suite struct ClassOverlayTests {
    private static func gray(_ width: Int, _ height: Int, value: UInt8 = 100) -> PixelImage {
        PixelImage(width: width, height: height, channels: 3, pixels: [UInt8](repeating: value, count: width * height * 3))
    }

    private static func pixel(_ image: PixelImage, _ x: Int, _ y: Int) -> [UInt8] {
        let start = (y * image.width + x) * image.channels
        return Array(image.pixels[start..<start + image.channels])
    }

    /// Left half class 1, right half class 2.
    private static func halves(_ width: Int, _ height: Int) -> [Int32] {
        (0..<width * height).map { $0 % width < width / 2 ? 1 : 2 }
    }

    private static let names = ["background", "aeroplane", "bicycle", "bird", "boat"]

    @Test func withoutLegendKeepsTheImageSizeAndIsRGB() throws {
        let out = try ClassOverlay.render(image: Self.gray(10, 6), classMap: Self.halves(10, 6), classNames: Self.names, legend: false)
        #expect(out.width == 10 && out.height == 6 && out.channels == 3)
    }

    @Test func blendsClassColourWithThePhoto() throws {
        var map = [Int32](repeating: 1, count: 8 * 8)
        map[0] = -1  // unlabelled: photo shows through
        let out = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                          opacity: 0.5, boundaries: false, legend: false)
        // VOC class 1 is (128, 0, 0); (100·128 + c·128 + 128) >> 8.
        #expect(Self.pixel(out, 4, 4) == [114, 50, 50])
        #expect(Self.pixel(out, 0, 0) == [100, 100, 100])
        let opaque = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                             opacity: 1, boundaries: false, legend: false)
        #expect(Self.pixel(opaque, 4, 4) == [128, 0, 0])
        let clear = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                            opacity: 0, boundaries: false, legend: false)
        #expect(clear.pixels == Self.gray(8, 8).pixels)
    }

    @Test func classIdsBeyondThePaletteWrapAround() throws {
        let palette: [UInt8] = [10, 20, 30, 200, 210, 220]
        let names = (0..<5).map { "c\($0)" }
        let out = try ClassOverlay.render(image: Self.gray(2, 2), classMap: [3, 3, 3, 3], classNames: names,
                                          palette: palette, opacity: 1, legend: false)
        #expect(Self.pixel(out, 0, 0) == [200, 210, 220])
    }

    @Test func drawsOnePixelBoundariesBetweenClasses() throws {
        var map = Self.halves(10, 6)
        for x in 0..<10 { map[5 * 10 + x] = 3 }  // bottom row is class 3
        let out = try ClassOverlay.render(image: Self.gray(10, 6), classMap: map, classNames: Self.names,
                                          boundaryColor: RGBColor(red: 1, green: 2, blue: 3), legend: false)
        let line: [UInt8] = [1, 2, 3]
        #expect(Self.pixel(out, 4, 2) == line)      // left of the vertical edge
        #expect(Self.pixel(out, 5, 2) != line)      // right of it: the line is one pixel wide
        #expect(Self.pixel(out, 3, 2) != line)
        #expect(Self.pixel(out, 7, 4) == line)      // above the horizontal edge
        #expect(Self.pixel(out, 7, 5) != line)
        #expect(Self.pixel(out, 7, 3) != line)
        let plain = try ClassOverlay.render(image: Self.gray(10, 6), classMap: map, classNames: Self.names,
                                            boundaries: false, legend: false)
        #expect(Self.pixel(plain, 4, 2) == Self.pixel(plain, 3, 2))
    }

    @Test func legendListsOnlyPresentClassesByShare() throws {
        let map: [Int32] = [3, 3, 3, 3, 3, 3, 1, 1, 1, 4, -1, -1]
        let entries = try LegendEntry.entries(classMap: map, classNames: Self.names)
        #expect(entries.map(\.classID) == [3, 1, 4])
        #expect(entries.map(\.name) == ["bird", "aeroplane", "boat"])
        #expect(entries.map(\.shareText) == ["50.0%", "25.0%", "8.3%"])
        #expect(entries[0].color == RGBColor(red: 128, green: 128, blue: 0))
        let tie = try LegendEntry.entries(classMap: [2, 1], classNames: Self.names)
        #expect(tie.map(\.classID) == [1, 2])
        let tiny = LegendEntry(classID: 0, name: "x", color: .black, pixelCount: 1, totalPixels: 100_000)
        #expect(tiny.shareText == "<0.1%")
    }

    @Test func legendGoesRightOfTallImagesAndBelowWideOnes() throws {
        let tall = try ClassOverlay.render(image: Self.gray(40, 30), classMap: Self.halves(40, 30), classNames: Self.names)
        #expect(tall.width > 40 && tall.height >= 30)
        let bare = try ClassOverlay.render(image: Self.gray(40, 30), classMap: Self.halves(40, 30), classNames: Self.names, legend: false)
        for y in 0..<30 { for x in 0..<40 { #expect(Self.pixel(tall, x, y) == Self.pixel(bare, x, y)) } }

        let wide = try ClassOverlay.render(image: Self.gray(400, 50), classMap: Self.halves(400, 50), classNames: Self.names)
        #expect(wide.width == 400 && wide.height > 50)
        let layout = LegendRenderer.layout(entryCount: 2, longestName: 9, imageWidth: 400, imageHeight: 50, font: .small)
        #expect(layout.placement == .below && layout.rows == 1 && layout.columns == 2)
    }

    @Test func legendPanelShowsSwatchNameAndShare() throws {
        let map = [Int32](repeating: 3, count: 40 * 30)
        let out = try ClassOverlay.render(image: Self.gray(40, 30), classMap: map, classNames: Self.names)
        let font = BitmapFont.small
        let layout = LegendRenderer.layout(entryCount: 1, longestName: 4, imageWidth: 40, imageHeight: 30, font: font)
        #expect(out.width == layout.outputWidth && out.height == layout.outputHeight)
        let origin = layout.entryOrigin(0)
        // Swatch centre has the class colour, its corner the border.
        let swatchY = origin.y + (font.cellHeight - layout.swatch) / 2
        #expect(Self.pixel(out, origin.x + layout.swatch / 2, swatchY + layout.swatch / 2) == [128, 128, 0])
        #expect(Self.pixel(out, origin.x, swatchY) == [60, 60, 60])
        // The name and the share are the text the font draws on the panel background.
        var expected = LegendRenderer.filledImage(width: out.width, height: out.height, color: LegendRenderer.background)
        let nameX = origin.x + layout.swatch + layout.swatchGap
        font.draw(text: "bird", into: &expected, at: (nameX, origin.y), color: LegendRenderer.nameColor)
        let shareX = origin.x + layout.entryWidth - font.width(of: "100.0%")
        font.draw(text: "100.0%", into: &expected, at: (shareX, origin.y), color: LegendRenderer.shareColor)
        var inked = 0
        for y in origin.y..<origin.y + font.cellHeight {
            for x in nameX..<origin.x + layout.entryWidth {
                #expect(Self.pixel(out, x, y) == Self.pixel(expected, x, y))
                if Self.pixel(out, x, y)[0] < 128 { inked += 1 }
            }
        }
        #expect(inked > 20)
    }

    @Test func glyphsPutInkWhereExpected() {
        for font in [BitmapFont.small, BitmapFont.large] {
            let i = Array(font.glyph("I"))
            #expect(i.count == font.cellWidth * font.cellHeight)
            let middleRow = font.baseline - font.cellHeight / 4
            let centre = (font.cellWidth - 1) / 2
            // The stem may straddle the two centre columns; together they are (nearly) fully inked.
            #expect(Int(i[middleRow * font.cellWidth + centre]) + Int(i[middleRow * font.cellWidth + centre + 1]) > 200)
            #expect(i[middleRow * font.cellWidth] == 0)   // stem only: edges of the cell are blank
            #expect(font.glyph(" ").allSatisfy { $0 == 0 })
            // '_' sits at or below the baseline, '^' in the upper half.
            let underscore = Array(font.glyph("_"))
            #expect(underscore[..<(font.baseline * font.cellWidth)].allSatisfy { $0 < 64 })
            let caret = Array(font.glyph("^"))
            #expect(caret[(font.baseline * font.cellWidth)...].allSatisfy { $0 == 0 })
        }
    }

    @Test func nonASCIIRendersAsQuestionMark() {
        let font = BitmapFont.small
        #expect(font.glyph("é") == font.glyph("?"))
        #expect(font.glyph("\t") == font.glyph("?"))
        #expect(font.glyph("猫") == font.glyph("?"))
        var a = Self.gray(40, 20, value: 0), b = a
        font.draw(text: "café 猫", into: &a, at: (1, 2), color: .white)
        font.draw(text: "caf? ?", into: &b, at: (1, 2), color: .white)
        #expect(a == b)
        #expect(font.width(of: "café") == 4 * font.cellWidth)
    }

    @Test func drawClipsAtImageEdgesAndSupportsGray() {
        let font = BitmapFont.small
        var image = PixelImage(width: 10, height: 10, channels: 1, pixels: [UInt8](repeating: 0, count: 100))
        font.draw(text: "II", into: &image, at: (-font.cellWidth, -3), color: .white)
        font.draw(text: "I", into: &image, at: (100, 100), color: .white)
        let column = (font.cellWidth - 1) / 2
        #expect((0..<10).contains { image.pixels[$0 * 10 + column] > 200 || image.pixels[$0 * 10 + column + 1] > 200 })
    }

    @Test func truncatesLongNames() {
        let font = BitmapFont.small
        let cut = font.truncated("a very long class name indeed", toWidth: 10 * font.cellWidth)
        #expect(cut == "a very ...")
        #expect(font.truncated("short", toWidth: 10 * font.cellWidth) == "short")
        let map = [Int32](repeating: 1, count: 40 * 30)
        let names = ["bg", String(repeating: "x", count: 60)]
        let out = try? ClassOverlay.render(image: Self.gray(40, 30), classMap: map, classNames: names)
        let layout = LegendRenderer.layout(entryCount: 1, longestName: 60, imageWidth: 40, imageHeight: 30, font: font)
        #expect(layout.nameCharacters == LegendRenderer.maxNameCharacters)
        #expect(out?.width == layout.outputWidth)
    }

    @Test func fontSizeFollowsImageSize() {
        #expect(BitmapFont.forImage(width: 500, height: 338).cellHeight == BitmapFont.small.cellHeight)
        #expect(BitmapFont.forImage(width: 640, height: 480).cellHeight == BitmapFont.large.cellHeight)
        #expect(BitmapFont.large.cellHeight > BitmapFont.small.cellHeight)
    }

    @Test func grayInputGivesRGBOutput() throws {
        let image = PixelImage(width: 4, height: 4, channels: 1, pixels: [UInt8](repeating: 100, count: 16))
        let out = try ClassOverlay.render(image: image, classMap: [Int32](repeating: 1, count: 16), classNames: Self.names,
                                          opacity: 0.5, legend: false)
        #expect(out.channels == 3 && Self.pixel(out, 1, 1) == [114, 50, 50])
    }

    @Test func rejectsBadInput() {
        let image = Self.gray(4, 3)
        let map = [Int32](repeating: 0, count: 12)
        #expect(throws: ClassOverlayError.emptyImage(width: 0, height: 0)) {
            try ClassOverlay.render(image: PixelImage(width: 0, height: 0, channels: 3, pixels: []), classMap: [], classNames: Self.names)
        }
        #expect(throws: ClassOverlayError.classMapSizeMismatch(expected: 12, found: 11, width: 4, height: 3)) {
            try ClassOverlay.render(image: image, classMap: Array(map.dropLast()), classNames: Self.names)
        }
        var bad = map
        bad[7] = 5
        #expect(throws: ClassOverlayError.classOutOfRange(classID: 5, pixel: 7, classCount: 5)) {
            try ClassOverlay.render(image: image, classMap: bad, classNames: Self.names)
        }
        #expect(throws: ClassOverlayError.invalidOpacity(1.5)) {
            try ClassOverlay.render(image: image, classMap: map, classNames: Self.names, opacity: 1.5)
        }
        #expect(throws: ClassOverlayError.invalidPalette(count: 4)) {
            try ClassOverlay.render(image: image, classMap: map, classNames: Self.names, palette: [1, 2, 3, 4])
        }
        #expect(ClassOverlayError.classOutOfRange(classID: 5, pixel: 7, classCount: 5).description.contains("class id 5"))
    }

    /// Renders a real VOC example for a person to look at: REME_OVERLAY_DEMO=/tmp/overlay.png.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REME_OVERLAY_DEMO"] != nil))
    func renderDemo() throws {
        let output = try #require(ProcessInfo.processInfo.environment["REME_OVERLAY_DEMO"])
        let root = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc"
        let stem = ProcessInfo.processInfo.environment["REME_OVERLAY_DEMO_STEM"] ?? "2011_000003"
        let photo = try PixelImage(contentsOfFile: "\(root)/JPEGImages/\(stem).jpg")
        let labels = try UInt16Image(labelMapOfFile: "\(root)/SegmentationClassPNG/\(stem).png")
        let names = try String(contentsOfFile: "\(root)/class_names.txt", encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let classMap = labels.pixels.map { $0 == 255 ? Int32(-1) : Int32($0) }  // 255 = VOC "void"
        let out = try ClassOverlay.render(image: photo, classMap: classMap, classNames: names)
        try out.writePNG(to: output)
        #expect(out.width > photo.width)
    }
}
