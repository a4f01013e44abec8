import Foundation
import Testing
@testable import ReMEImage

@Suite struct RLETests {
    @Test func decodesPycocotoolsStrings() throws {
        let cases = try #require(SegmentFixtures.json("rle.json") as? [[String: Any]])
        for (i, entry) in cases.enumerated() {
            let counts = try #require(entry["counts"] as? String)
            let size = try #require(entry["size"] as? [Int])
            let runs = try COCORLE.runs(fromCompressed: counts, index: i)
            let mask = try COCORLE.mask(runs: runs, width: size[1], height: size[0], index: i)
            if let bits = entry["bits"] as? [Int] {
                #expect(mask.map(Int.init) == bits, "case \(i)")
            } else {
                #expect(mask.reduce(0) { $0 + Int($1) } == entry["area"] as? Int)
                #expect(mask[20 * 400 + 30] == 1 && mask[19 * 400 + 30] == 0 && mask[100 * 400 + 50] == 0)
            }
            #expect(COCORLE.compressed(runs: runs) == counts, "re-encoding case \(i)")
            #expect(COCORLE.runs(ofMask: mask, width: size[1], height: size[0]) == runs)
        }
    }

    @Test func malformedRLEThrows() {
        #expect(throws: SegmentationError.self) { try COCORLE.runs(fromCompressed: "ab~") }
        // "1" alone is fine; a trailing continuation group ends inside a run.
        #expect(throws: SegmentationError.self) { try COCORLE.runs(fromCompressed: "1P") }
        #expect(throws: SegmentationError.self) { try COCORLE.mask(runs: [3, 2], width: 2, height: 2) }
        #expect(throws: SegmentationError.self) { try COCORLE.mask(runs: [2, 2, 2], width: 2, height: 2) }
        #expect(throws: SegmentationError.self) { try COCORLE.mask(runs: [-1, 5], width: 2, height: 2) }
    }
}

@Suite struct ExternalMasksTests {
    static func rle(_ mask: [UInt8], width: Int, height: Int) -> String {
        COCORLE.compressed(runs: COCORLE.runs(ofMask: mask, width: width, height: height))
    }

    @Test func smallerMasksLieOnTopAndGapsBecomeSegments() throws {
        let width = 6, height = 4
        var big = [UInt8](repeating: 0, count: 24), small = [UInt8](repeating: 0, count: 24)
        for y in 0..<4 { for x in 0..<4 { big[y * width + x] = 1 } }
        small[1 * width + 1] = 1
        small[1 * width + 2] = 1
        let json = """
            [{"segmentation": {"size": [4, 6], "counts": "\(Self.rle(small, width: width, height: height))"}, "area": 2},
             {"segmentation": {"size": [4, 6], "counts": \(COCORLE.runs(ofMask: big, width: width, height: height))}}]
            """
        let labels = try ExternalMasks.labels(fromMaskJSON: Data(json.utf8), width: width, height: height)
        #expect(labels.count == 3)
        // Raster order: big (0), uncovered right strip (1), small (2).
        #expect(Array(labels.labels[0..<6]) == [0, 0, 0, 0, 1, 1])
        #expect(Array(labels.labels[6..<12]) == [0, 2, 2, 0, 1, 1])
        #expect(labels.areas() == [14, 8, 2])
    }

    @Test func acceptsCOCOAnnotationsObject() throws {
        let json = #"{"annotations": [{"segmentation": {"size": [2, 2], "counts": [1, 3]}}]}"#
        let labels = try ExternalMasks.labels(fromMaskJSON: Data(json.utf8), width: 2, height: 2)
        #expect(labels.labels == [0, 1, 1, 1])
    }

    @Test func reportsBadFiles() {
        let wrongSize = #"[{"segmentation": {"size": [3, 2], "counts": [6]}}]"#
        #expect(throws: SegmentationError.sizeMismatch(what: "mask 0", expectedWidth: 2, expectedHeight: 2,
                                                       foundWidth: 2, foundHeight: 3)) {
            try ExternalMasks.labels(fromMaskJSON: Data(wrongSize.utf8), width: 2, height: 2)
        }
        #expect(throws: SegmentationError.self) {
            try ExternalMasks.labels(fromMaskJSON: Data("{oops".utf8), width: 2, height: 2)
        }
        #expect(throws: SegmentationError.self) {
            try ExternalMasks.labels(fromMaskJSON: Data(#"[{"segmentation": [[0, 0, 1, 1]]}]"#.utf8), width: 2, height: 2)
        }
        #expect(throws: SegmentationError.malformedRLE(index: 0, reason: "character ~ outside '0'…'o'")) {
            try ExternalMasks.labels(fromMaskJSON: Data(#"[{"segmentation": {"size": [2, 2], "counts": "~"}}]"#.utf8),
                                     width: 2, height: 2)
        }
    }

    @Test func labelMapsWithUnlabeledPixels() throws {
        let values: [UInt16] = [7, 7, 0, 0,
                                7, 0, 0, 3,
                                0, 0, 3, 3]
        let plain = try ExternalMasks.labels(fromLabelMap: values, width: 4, height: 3)
        #expect(plain.count == 3)
        // 0 = unlabeled: the two 4-connected 0-regions... here one region, so 3 segments again.
        let split = try ExternalMasks.labels(fromLabelMap: values, width: 4, height: 3, unlabeled: 0)
        #expect(split.count == 3)
        let isolated: [Int32] = [0, 5, 0,
                                 5, 5, 5,
                                 0, 5, 0]
        let corners = try ExternalMasks.labels(fromLabelMap: isolated, width: 3, height: 3, unlabeled: 0)
        #expect(corners.count == 5)
        #expect(throws: SegmentationError.self) {
            try ExternalMasks.labels(fromLabelMap: [Int32](repeating: 0, count: 5), width: 2, height: 2)
        }
    }
}
