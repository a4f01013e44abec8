@testable import ReMEImage
import Testing

/// Palette entry 0 (black) is kept for an explicit background class (docs/images.md, "Colours").
@Suite struct ClassColorsTests {
    private static let voc = VOCPalette.colors(count: 256)

    @Test func withoutBackgroundNoClassIsBlack() {
        let colors = ClassColors.colors(classCount: 300, palette: Self.voc, backgroundClass: nil)
        #expect(colors[0] == RGBColor(red: 128, green: 0, blue: 0))  // VOC entry 1
        #expect(colors[1] == RGBColor(red: 0, green: 128, blue: 0))
        #expect(!colors.contains(.black))
        #expect(ClassColors.paletteIndex(classID: 254, backgroundClass: nil, paletteEntries: 256) == 255)
        #expect(ClassColors.paletteIndex(classID: 255, backgroundClass: nil, paletteEntries: 256) == 1)  // wraps past 0
    }

    @Test func theBackgroundClassAloneIsBlack() {
        let first = ClassColors.colors(classCount: 4, palette: Self.voc, backgroundClass: 0)
        #expect(first == (0..<4).map { RGBColor(palette: Self.voc, index: $0) })  // the indexed PNG's colours
        #expect(first[0] == .black)
        let middle = ClassColors.colors(classCount: 4, palette: Self.voc, backgroundClass: 2)
        #expect(middle[2] == .black)
        #expect(middle[0] == RGBColor(palette: Self.voc, index: 1) && middle[1] == RGBColor(palette: Self.voc, index: 2))
        #expect(middle[3] == RGBColor(palette: Self.voc, index: 3))
        #expect(middle.filter { $0 == .black }.count == 1)
    }

    @Test func overlayAndLegendFollowTheRule() throws {
        let photo = PixelImage(width: 2, height: 2, channels: 3, pixels: [UInt8](repeating: 200, count: 12))
        let map: [Int32] = [0, 0, 1, 1]
        let plain = try ClassOverlay.render(image: photo, classMap: map, classNames: ["cat", "dog"], opacity: 1, boundaries: false, legend: false)
        #expect(Array(plain.pixels[0..<3]) == [128, 0, 0] && Array(plain.pixels[6..<9]) == [0, 128, 0])
        let withBackground = try ClassOverlay.render(image: photo, classMap: map, classNames: ["background", "dog"], opacity: 1,
                                                     boundaries: false, legend: false, backgroundClass: 0)
        #expect(Array(withBackground.pixels[0..<3]) == [0, 0, 0] && Array(withBackground.pixels[6..<9]) == [128, 0, 0])
        let entries = try LegendEntry.entries(classMap: map, classNames: ["cat", "dog"])
        #expect(entries.map(\.color) == [RGBColor(red: 128, green: 0, blue: 0), RGBColor(red: 0, green: 128, blue: 0)])
    }
}
