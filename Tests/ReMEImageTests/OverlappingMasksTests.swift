import ReMETensor
import ReMETestSupport
import Testing
@testable import ReMEImage

@Suite struct OverlappingMasksTests {
    /// Two overlapping rectangles on a 6×4 image, leaving two separate uncovered regions.
    static func rectangles() -> [[UInt8]] {
        func rect(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) -> [UInt8] {
            (0..<24).map { p in (x0..<x1).contains(p % 6) && (y0..<y1).contains(p / 6) ? 1 : 0 }
        }
        return [rect(1, 0, 4, 4), rect(2, 1, 5, 3), [UInt8](repeating: 0, count: 24)]
    }

    @Test func cellsAreTheDistinctCoverageSetsAndUncoveredComponentsBecomeMasks() throws {
        let masks = try OverlappingMasks(masks: Self.rectangles(), width: 6, height: 4)
        // The empty third mask is dropped; column 0 and the pixels right of mask 1 (column 5 and
        // the ends of column 4) are uncovered, two 4-connected components.
        #expect(masks.coveredMaskCount == 2)
        #expect(masks.maskCount == 4)
        #expect(masks.areas() == [12, 6, 4, 6])
        // Cells: column 0 (uncovered), mask 0 only, masks 0+1, mask 1 only, the right component.
        #expect(masks.cellCount == 5)
        let cellAreas = masks.cells.areas()
        for (k, cells) in masks.maskCells.enumerated() {
            #expect(cells.reduce(0) { $0 + cellAreas[Int($1)] } == masks.areas()[k])
        }
        #expect(masks.maskCells[0].count == 2)
        #expect(Set(masks.maskCells[0]).intersection(masks.maskCells[1]).count == 1)
        let boxes = masks.boundingBoxes()
        #expect(boxes[0] == SegmentBox(x0: 1, y0: 0, x1: 4, y1: 4))
        #expect(boxes[1] == SegmentBox(x0: 2, y0: 1, x1: 5, y1: 3))
        #expect(boxes[2] == SegmentBox(x0: 0, y0: 0, x1: 1, y1: 4))
        #expect(boxes[3] == SegmentBox(x0: 4, y0: 0, x1: 6, y1: 4))
        // Every pixel lies in a mask.
        #expect(masks.cells.labels.allSatisfy { cell in masks.maskCells.contains { $0.contains(cell) } })
    }

    @Test func rejectsMasksOfTheWrongSize() {
        #expect(throws: SegmentationError.self) { try OverlappingMasks(masks: [[1, 0]], width: 3, height: 1) }
        #expect(throws: SegmentationError.self) { try OverlappingMasks(masks: [], width: 0, height: 1) }
    }

    /// Random overlapping masks and each mask's own label map (mask vs the rest).
    static func randomMasks(width: Int, height: Int, count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let x0 = Int.random(in: 0..<(width - 2), using: &rng), y0 = Int.random(in: 0..<(height - 2), using: &rng)
            let x1 = Int.random(in: (x0 + 1)...width, using: &rng), y1 = Int.random(in: (y0 + 1)...height, using: &rng)
            return (0..<(width * height)).map { p in
                (x0..<x1).contains(p % width) && (y0..<y1).contains(p / width) && Int.random(in: 0..<5, using: &rng) > 0 ? 1 : 0
            }
        }
    }

    static func ownLabelMap(_ mask: [UInt8], width: Int, height: Int) throws -> (SegmentLabels, id: Int) {
        let labels = try SegmentLabels(width: width, height: height, renumbering: mask.map { Int32($0) })
        let first = try #require(mask.firstIndex(of: 1))
        return (labels, Int(labels.labels[first]))
    }

    @Test(arguments: [MaskPooling.Resampling.bilinear, .area])
    func poolingWeightsEqualEachMaskPooledAlone(resampling: MaskPooling.Resampling) throws {
        let (w, h) = (23, 17)
        let raw = Self.randomMasks(width: w, height: h, count: 7, seed: 4)
        let masks = try OverlappingMasks(masks: raw, width: w, height: h)
        let weights = try MaskPooling.patchWeights(masks, gridWidth: 5, gridHeight: 4, resampling: resampling)
        #expect(weights.shape == [masks.maskCount, 20])
        for k in 0..<masks.coveredMaskCount {
            let (labels, id) = try Self.ownLabelMap(raw[k], width: w, height: h)
            let alone = try MaskPooling.patchWeights(labels, gridWidth: 5, gridHeight: 4, resampling: resampling)
            let expected = Array(alone.scalars[(id * 20)..<((id + 1) * 20)])
            #expect(maxAbsDifference(Array(weights.scalars[(k * 20)..<((k + 1) * 20)]), expected) < 1e-5)
        }
    }

    @Test func cropsEqualEachMaskCroppedAlone() throws {
        let (w, h) = (19, 13)
        let raw = Self.randomMasks(width: w, height: h, count: 4, seed: 9)
        var rng = SeededGenerator(seed: 2)
        let image = PixelImage(width: w, height: h, channels: 3, pixels: (0..<(w * h * 3)).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let masks = try OverlappingMasks(masks: raw, width: w, height: h)
        let crops = try MaskedCrops.batch(image: image, masks: masks, size: 8)
        #expect(crops.shape == [masks.maskCount, 3, 8, 8])
        for k in 0..<masks.coveredMaskCount {
            let (labels, id) = try Self.ownLabelMap(raw[k], width: w, height: h)
            let alone = try MaskedCrops.batch(image: image, labels: labels, segments: [id], size: 8)
            #expect(maxAbsDifference(Array(crops.scalars[(k * 192)..<((k + 1) * 192)]), alone.scalars) == 0)
        }
    }
}
