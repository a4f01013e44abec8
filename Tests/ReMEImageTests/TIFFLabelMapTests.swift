import Foundation
import Testing
@testable import ReMEImage

@Suite struct TIFFLabelMapTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/datasets")

    @Test func readsPILWrittenGrayscaleTIFFsExactly() throws {
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent("tiff_expected.json"))) as? [String: Any]
        let l16 = try UInt16Image(labelMapOfPNGOrTIFF: Self.folder.appendingPathComponent("label16.tif").path)
        #expect([l16.height, l16.width] == expected?["shape16"] as? [Int])
        #expect(l16.pixels.map(Int.init) == expected?["label16"] as? [Int])
        #expect(l16.pixels[0] == 65535)
        let l8 = try TIFFLabelMapDecoder.decode(contentsOfFile: Self.folder.appendingPathComponent("label8.tif").path)
        #expect([l8.height, l8.width] == expected?["shape8"] as? [Int])
        #expect(l8.pixels.map(Int.init) == expected?["label8"] as? [Int])
    }

    @Test func refusesCompressedTruncatedAndGarbageFiles() throws {
        do {
            _ = try TIFFLabelMapDecoder.decode(contentsOfFile: Self.folder.appendingPathComponent("label16_deflate.tif").path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("compression"))
        }
        let full = try Data(contentsOf: Self.folder.appendingPathComponent("label16.tif"))
        for cut in stride(from: 0, to: full.count, by: 13) {
            let prefix = Data(full.prefix(cut))
            #expect(throws: ImageError.self) { try TIFFLabelMapDecoder.decode(prefix, source: "cut") }
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var bytes = [UInt8](full)
            for _ in 0..<4 { bytes[Int.random(in: 8..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            _ = try? TIFFLabelMapDecoder.decode(Data(bytes), source: "fuzz")
        }
    }
}
