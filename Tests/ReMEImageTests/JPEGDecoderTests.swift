import Foundation
import ReMEImage
import ReMETestSupport
import Testing

@Suite struct JPEGDecoderTests {
    /// Both PIL and this decoder use libjpeg-turbo with its defaults (islow DCT, fancy
    /// upsampling), so the pixels must agree exactly.
    @Test(arguments: ["baseline", "progressive", "baseline444", "gray", "cmyk"])
    func decodesLikePIL(name: String) throws {
        let image = try PixelImage(contentsOfFile: ImageFixtures.path("\(name).jpg"))
        let reference = try ImageFixtures.bytes("\(name)_jpg_as_rgb.37x23x3.u8")
        #expect(image.width == 37 && image.height == 23 && image.channels == 3)
        #expect(image.pixels == reference, "\(name).jpg differs from PIL by up to \(maxAbsDifference(image.pixels, reference))")
    }

    @Test func grayStaysGrayWhenNative() throws {
        let image = try PixelImage(contentsOfFile: ImageFixtures.path("gray.jpg"), options: .init(channels: .native))
        #expect(image.channels == 1)
        #expect(image.pixels == (try ImageFixtures.bytes("gray_jpg_as_gray.37x23x1.u8")))
    }

    @Test func floatImageHoldsTheSameValues() throws {
        let image = try FloatImage(contentsOfFile: ImageFixtures.path("baseline.jpg"))
        #expect(image.pixels == (try ImageFixtures.bytes("baseline_jpg_as_rgb.37x23x3.u8")).map(Float.init))
    }
}

@Suite struct EXIFOrientationTests {
    private static func expectedName(_ orientation: Int) -> String {
        orientation >= 5 ? "exif\(orientation)_as_rgb.7x13x3.u8" : "exif\(orientation)_as_rgb.13x7x3.u8"
    }

    @Test(arguments: 1...8)
    func appliesOrientationLikeExifTranspose(orientation: Int) throws {
        let image = try PixelImage(contentsOfFile: ImageFixtures.path("exif\(orientation).jpg"))
        let swapped = orientation >= 5
        #expect(image.width == (swapped ? 7 : 13) && image.height == (swapped ? 13 : 7))
        #expect(image.pixels == (try ImageFixtures.bytes(Self.expectedName(orientation))))
    }

    @Test func readsBigEndianEXIF() throws {
        let image = try PixelImage(contentsOfFile: ImageFixtures.path("exif6_motorola.jpg"))
        #expect(image.width == 7 && image.height == 13)
        #expect(image.pixels == (try ImageFixtures.bytes("exif6_motorola_as_rgb.7x13x3.u8")))
    }

    @Test func orientationCanBeIgnored() throws {
        let image = try PixelImage(contentsOfFile: ImageFixtures.path("exif6.jpg"),
                                   options: .init(appliesEXIFOrientation: false))
        #expect(image.width == 13 && image.height == 7)
        #expect(image.pixels == (try ImageFixtures.bytes("exif_stored.13x7x3.u8")))
    }

    @Test func parserRejectsMalformedPayloads() {
        let cases: [[UInt8]] = [
            [],
            Array("Exif\0\0".utf8),
            Array("Exif\0\0XX*\0\u{8}\0\0\0".utf8),
            Array("Exif\0\0II*\0".utf8) + [0xFF, 0xFF, 0, 0],  // IFD offset past the end
        ]
        for bytes in cases {
            #expect(bytes.withUnsafeBytes { EXIFOrientation.parse(app1: $0) } == nil)
        }
    }
}
