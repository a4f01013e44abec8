import Foundation
import ReMEImage
import Testing

@Suite struct PNGEncoderTests {
    private static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("reme-\(UUID().uuidString)-\(name)").path
    }

    @Test(arguments: [1, 2, 3, 4])
    func eightBitRoundTrip(channels: Int) throws {
        let photo = try ImageFixtures.sourcePhoto()
        let image = channels == 2
            ? PixelImage(width: 37, height: 23, channels: 2, pixels: photo.converted(to: .gray).pixels.flatMap { [$0, 255 - $0] })
            : photo.converted(to: channels == 1 ? .gray : channels == 3 ? .rgb : .rgba)
        let path = Self.temporaryPath("rt.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try image.writePNG(to: path)
        let back = try PixelImage(contentsOfFile: path, options: .init(channels: .native))
        #expect(back == image)
    }

    @Test func sixteenBitGrayRoundTrip() throws {
        let ids = (0..<(41 * 17)).map { UInt16(($0 * 2_654_435_761) % 65_536) }
        let image = UInt16Image(width: 41, height: 17, channels: 1, pixels: ids)
        let path = Self.temporaryPath("ids.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try image.writePNG(to: path)
        #expect(try UInt16Image(pngSamplesOfFile: path) == image)
        #expect(try UInt16Image(labelMapOfFile: path) == image)
    }

    @Test func indexedRoundTripKeepsIndicesAndPalette() throws {
        let indices = try ImageFixtures.bytes("voc_labels_indices.37x23x1.u8")
        let image = PixelImage(width: 37, height: 23, channels: 1, pixels: indices)
        let path = Self.temporaryPath("pred.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try image.writeIndexedPNG(to: path)
        #expect(try UInt16Image(labelMapOfFile: path).pixels == indices.map(UInt16.init))
        let colours = try PixelImage(contentsOfFile: path)
        #expect(colours.pixels == (try ImageFixtures.bytes("voc_labels_as_rgb.37x23x3.u8")))
        let palette = try Data(contentsOf: URL(fileURLWithPath: path)).withUnsafeBytes { try PNGDecoder.palette($0) }
        #expect(palette.rgb == VOCPalette.colors(count: 256))
    }

    @Test func vocPaletteMatchesTheStandardColourMap() throws {
        let reference = try ImageFixtures.bytes("voc_palette.u8")
        #expect(VOCPalette.colors(count: 256) == reference)
        #expect(Array(VOCPalette.colors(count: 3)) == [0, 0, 0, 128, 0, 0, 0, 128, 0])
    }

    @Test func invalidInputsThrowAndLeaveNoFile() throws {
        let path = Self.temporaryPath("bad.png")
        let indices = PixelImage(width: 2, height: 1, channels: 1, pixels: [0, 9])
        #expect(throws: ImageError.self) { try indices.writeIndexedPNG(to: path, palette: VOCPalette.colors(count: 4)) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: ImageError.self) { try PNGEncoder.encode(PixelImage(width: 0, height: 0, channels: 3, pixels: [])) }
        let missingDirectory = "/nonexistent-dir-\(UUID().uuidString)/x.png"
        #expect(throws: ImageError.self) { try indices.writePNG(to: missingDirectory) }
    }

    @Test func overwritesAtomically() throws {
        let path = Self.temporaryPath("over.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = PixelImage(width: 1, height: 1, channels: 1, pixels: [7])
        let second = PixelImage(width: 2, height: 1, channels: 1, pixels: [1, 2])
        try first.writePNG(to: path)
        try second.writePNG(to: path)
        #expect(try PixelImage(contentsOfFile: path, options: .init(channels: .native)) == second)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(!siblings.contains { $0.hasPrefix(".\((path as NSString).lastPathComponent)") })
    }
}
