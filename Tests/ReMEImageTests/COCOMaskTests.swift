import Foundation
import ReMEImage
import Testing

/// COCO RLE encoding against pycocotools' `mask.encode` (Tests/Fixtures/sam/amg/rle.json, made by
/// scripts/make_sam_amg_fixtures.py).
struct COCOMaskTests {
    struct Case: Decodable { var size: [Int], mask: [[Int]], counts: String }

    @Test func encodesLikePycocotools() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/sam/amg/rle.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        #expect(cases.count == 5)
        for c in cases {
            let (h, w) = (c.size[0], c.size[1])
            let pixels = c.mask.flatMap { $0.map(UInt8.init) }
            let encoded = COCOMask(mask: pixels, width: w, height: h)
            #expect(encoded.compressedCounts == c.counts, "\(w)×\(h)")
            #expect(encoded.area == pixels.reduce(0) { $0 + Int($1) })
            let decoded = try COCOMask(compressed: c.counts, width: w, height: h)
            #expect(decoded == encoded)
            #expect(try decoded.mask() == pixels)
        }
    }

    @Test func runBuilderStartsWithBackground() {
        var builder = COCORunBuilder()
        builder.append(true, count: 3); builder.append(true, count: 2); builder.append(false, count: 4)
        #expect(builder.finished() == [0, 5, 4])
        #expect(COCORunBuilder().finished() == [0])
        #expect(COCOMask(mask: [0, 0, 0, 0], width: 2, height: 2).runs == [4])
        #expect(COCOMask(mask: [1, 1, 1, 1], width: 2, height: 2).runs == [0, 4])
    }
}
