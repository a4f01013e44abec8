import Foundation
import ReMEImage
import ReMETestSupport
import Testing

@Suite struct PNGDecoderTests {
    static let native = ImageDecodingOptions(channels: .native)

    private func decode(_ name: String, _ options: ImageDecodingOptions = ImageDecodingOptions()) throws -> PixelImage {
        try PixelImage(contentsOfFile: ImageFixtures.path(name), options: options)
    }

    @Test(arguments: [
        ("rgb.png", "rgb.37x23x3.u8", ImageDecodingOptions.Channels.native),
        ("rgba.png", "rgba.37x23x4.u8", .native),
        ("gray.png", "gray.37x23x1.u8", .native),
        ("gray_alpha.png", "gray_alpha.37x23x2.u8", .native),
        ("gray.png", "gray_as_rgb.37x23x3.u8", .rgb),
        ("rgb.png", "rgb_as_gray.37x23x1.u8", .gray),
        ("gray_alpha.png", "gray_alpha_as_rgba.37x23x4.u8", .rgba),
        ("palette.png", "palette_as_rgb.37x23x3.u8", .rgb),
        ("palette.png", "palette_as_rgba.37x23x4.u8", .rgba),
        ("palette4bit.png", "palette4bit_as_rgb.37x23x3.u8", .rgb),
        ("gray1bit.png", "gray1bit_as_gray.37x23x1.u8", .gray),
        ("gray2bit.png", "gray2bit_as_gray.37x23x1.u8", .gray),
        ("gray4bit.png", "gray4bit_as_gray.37x23x1.u8", .gray),
        ("rgb16.png", "rgb16_as_rgb.37x23x3.u8", .rgb),
        ("interlaced_rgb.png", "interlaced_rgb_as_rgb.37x23x3.u8", .rgb),
        ("interlaced_rgba16.png", "interlaced_rgba16_as_rgba.37x23x4.u8", .rgba),
        ("voc_labels.png", "voc_labels_as_rgb.37x23x3.u8", .rgb),
    ])
    func decodesLikePIL(file: String, expected: String, channels: ImageDecodingOptions.Channels) throws {
        let image = try decode(file, ImageDecodingOptions(channels: channels))
        let reference = try ImageFixtures.bytes(expected)
        #expect(image.width == 37 && image.height == 23)
        #expect(image.pixels.count == reference.count)
        #expect(image.pixels == reference, "\(file) differs from PIL by up to \(maxAbsDifference(image.pixels, reference))")
    }

    @Test func nativeChannelCounts() throws {
        #expect(try decode("palette.png", Self.native).channels == 4)  // tRNS present
        #expect(try decode("palette4bit.png", Self.native).channels == 3)
        #expect(try decode("gray16.png", Self.native).channels == 1)
        #expect(try decode("rgb.png").channels == 3)  // default is RGB
    }

    @Test func sixteenBitGrayKeepsHighByteIn8BitDecode() throws {
        let image = try decode("gray16.png", Self.native)
        let samples = try ImageFixtures.uint16s("gray16_samples.37x23x1.u16")
        #expect(image.pixels == samples.map { UInt8($0 >> 8) })
    }

    @Test(arguments: [
        ("gray16.png", "gray16_samples.37x23x1.u16", 1),
        ("rgb16.png", "rgb16_samples.37x23x3.u16", 3),
        ("gray2bit.png", "gray2bit_samples.37x23x1.u16", 1),
        ("gray4bit.png", "gray4bit_samples.37x23x1.u16", 1),
    ])
    func sixteenBitSamplesAreExact(file: String, expected: String, channels: Int) throws {
        let image = try UInt16Image(pngSamplesOfFile: ImageFixtures.path(file))
        #expect(image.channels == channels)
        #expect(image.pixels == (try ImageFixtures.uint16s(expected)))
    }

    @Test(arguments: [
        ("voc_labels.png", "voc_labels_indices.37x23x1.u8"),
        ("palette.png", "palette_indices.37x23x1.u8"),
        ("palette4bit.png", "palette4bit_indices.37x23x1.u8"),
    ])
    func labelMapsArePaletteIndices(file: String, expected: String) throws {
        let labels = try UInt16Image(labelMapOfFile: ImageFixtures.path(file))
        #expect(labels.channels == 1)
        #expect(labels.pixels == (try ImageFixtures.bytes(expected)).map(UInt16.init))
    }

    @Test func labelMapRefusesColourPNG() throws {
        #expect(throws: ImageError.self) { try UInt16Image(labelMapOfFile: ImageFixtures.path("rgb.png")) }
    }

    @Test func readsPaletteAndTransparency() throws {
        let voc = try ImageFixtures.data("voc_labels.png")
        let palette = try voc.withUnsafeBytes { try PNGDecoder.palette($0) }
        #expect(palette.rgb == (try ImageFixtures.bytes("voc_palette.u8")))
        #expect(palette.alpha.allSatisfy { $0 == 255 })
        let withAlpha = try ImageFixtures.data("palette.png").withUnsafeBytes { try PNGDecoder.palette($0) }
        #expect(Array(withAlpha.alpha.prefix(3)) == [0, 25, 50])
    }
}
