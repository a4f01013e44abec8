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

    /// The legend font of a small image, from the installed Debian fonts.
    private static func font() throws -> FontStack { try ClassOverlay.legendFont(imageWidth: 40, imageHeight: 30) }

    @Test func withoutLegendKeepsTheImageSizeAndIsRGB() throws {
        let out = try ClassOverlay.render(image: Self.gray(10, 6), classMap: Self.halves(10, 6), classNames: Self.names, legend: false)
        #expect(out.width == 10 && out.height == 6 && out.channels == 3)
    }

    @Test func blendsClassColourWithThePhoto() throws {
        var map = [Int32](repeating: 1, count: 8 * 8)
        map[0] = -1  // unlabelled: photo shows through
        let out = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                          opacity: 0.5, boundaries: false, legend: false, backgroundClass: 0)
        // With the background at class 0, class 1 has VOC entry 1, (128, 0, 0); (100·128 + c·128 + 128) >> 8.
        #expect(Self.pixel(out, 4, 4) == [114, 50, 50])
        #expect(Self.pixel(out, 0, 0) == [100, 100, 100])
        let opaque = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                             opacity: 1, boundaries: false, legend: false, backgroundClass: 0)
        #expect(Self.pixel(opaque, 4, 4) == [128, 0, 0])
        let clear = try ClassOverlay.render(image: Self.gray(8, 8), classMap: map, classNames: Self.names,
                                            opacity: 0, boundaries: false, legend: false)
        #expect(clear.pixels == Self.gray(8, 8).pixels)
    }

    @Test func classIdsBeyondThePaletteWrapAroundSkippingEntryZero() throws {
        let palette: [UInt8] = [10, 20, 30, 200, 210, 220, 90, 80, 70]
        let names = (0..<5).map { "c\($0)" }
        // No background class: classes take entries 1, 2, 1, 2, …; entry 0 is never used.
        let out = try ClassOverlay.render(image: Self.gray(2, 2), classMap: [3, 3, 3, 3], classNames: names,
                                          palette: palette, opacity: 1, legend: false)
        #expect(Self.pixel(out, 0, 0) == [90, 80, 70])
        let single = try ClassOverlay.render(image: Self.gray(2, 2), classMap: [3, 3, 3, 3], classNames: names,
                                             palette: [10, 20, 30], opacity: 1, legend: false)
        #expect(Self.pixel(single, 0, 0) == [10, 20, 30])
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
        let entries = try LegendEntry.entries(classMap: map, classNames: Self.names, backgroundClass: 0)
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
        let layout = LegendRenderer.layout(entryCount: 2, longestName: 60, imageWidth: 400, imageHeight: 50, font: try Self.font())
        #expect(layout.placement == .below && layout.rows == 1 && layout.columns == 2)
    }

    @Test func legendPanelShowsSwatchNameAndShare() throws {
        let map = [Int32](repeating: 3, count: 40 * 30)
        let out = try ClassOverlay.render(image: Self.gray(40, 30), classMap: map, classNames: Self.names, backgroundClass: 0)
        let font = try Self.font()
        let layout = LegendRenderer.layout(entryCount: 1, longestName: font.width(of: "bird"), imageWidth: 40, imageHeight: 30, font: font)
        #expect(out.width == layout.outputWidth && out.height == layout.outputHeight)
        let origin = layout.entryOrigin(0)
        // Swatch centre has the class colour, its corner the border.
        let swatchY = layout.swatchY(origin.y)
        #expect(Self.pixel(out, origin.x + layout.swatch / 2, swatchY + layout.swatch / 2) == [128, 128, 0])
        #expect(Self.pixel(out, origin.x, swatchY) == [60, 60, 60])
        // The name and the share are the text the font draws on the panel background.
        var expected = LegendRenderer.filledImage(width: out.width, height: out.height, color: LegendRenderer.background)
        let nameX = origin.x + layout.swatch + layout.swatchGap
        font.draw(text: "bird", into: &expected, at: (nameX, origin.y), color: LegendRenderer.nameColor)
        let shareX = origin.x + layout.entryWidth - font.width(of: "100.0%")
        font.draw(text: "100.0%", into: &expected, at: (shareX, origin.y), color: LegendRenderer.shareColor)
        var inked = 0
        for y in origin.y..<origin.y + font.lineHeight {
            for x in nameX..<origin.x + layout.entryWidth {
                #expect(Self.pixel(out, x, y) == Self.pixel(expected, x, y))
                if Self.pixel(out, x, y)[0] < 128 { inked += 1 }
            }
        }
        #expect(inked > 20)
        // The swatch is centred on the text's line box.
        #expect(swatchY - origin.y == origin.y + font.lineHeight - (swatchY + layout.swatch))
    }

    @Test func truncatesLongNames() throws {
        let font = try Self.font()
        let limit = font.width(of: "a very long")
        let cut = font.truncated("a very long class name indeed", toWidth: limit)
        #expect(cut.hasSuffix("\u{2026}") && cut.hasPrefix("a very") && font.width(of: cut) <= limit)
        #expect(font.truncated("short", toWidth: limit) == "short")
        #expect(font.truncated("short", toWidth: 0) == "")
        let map = [Int32](repeating: 1, count: 40 * 30)
        let names = ["bg", String(repeating: "x", count: 60)]
        let out = try ClassOverlay.render(image: Self.gray(40, 30), classMap: map, classNames: names)
        let layout = LegendRenderer.layout(entryCount: 1, longestName: font.width(of: names[1]), imageWidth: 40, imageHeight: 30, font: font)
        #expect(layout.nameWidth == LegendRenderer.maxNameDigits * font.width(of: "0"))
        #expect(out.width == layout.outputWidth)
    }

    @Test func fontSizeFollowsImageSize() throws {
        #expect(LegendRenderer.pixelSize(imageWidth: 500, imageHeight: 338) == 13)
        #expect(LegendRenderer.pixelSize(imageWidth: 640, imageHeight: 480) == 18)
        let small = try ClassOverlay.legendFont(imageWidth: 500, imageHeight: 338)
        let large = try ClassOverlay.legendFont(imageWidth: 640, imageHeight: 480)
        #expect(large.lineHeight > small.lineHeight)
    }

    @Test func grayInputGivesRGBOutput() throws {
        let image = PixelImage(width: 4, height: 4, channels: 1, pixels: [UInt8](repeating: 100, count: 16))
        let out = try ClassOverlay.render(image: image, classMap: [Int32](repeating: 1, count: 16), classNames: Self.names,
                                          opacity: 0.5, legend: false)
        // No background class: class 1 has VOC entry 2, (0, 128, 0).
        #expect(out.channels == 3 && Self.pixel(out, 1, 1) == [50, 114, 50])
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
        #expect(throws: ClassOverlayError.backgroundClassOutOfRange(5, classCount: 5)) {
            try ClassOverlay.render(image: image, classMap: map, classNames: Self.names, backgroundClass: 5)
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
        let out = try ClassOverlay.render(image: photo, classMap: classMap, classNames: names, backgroundClass: 0)
        try out.writePNG(to: output)
        #expect(out.width > photo.width)
    }
}
