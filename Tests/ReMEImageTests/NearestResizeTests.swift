import Testing
@testable import ReMEImage

struct NearestResizeTests {
    @Test func upscalingRepeatsEachValueAndDownscalingPicksPixelCentres() {
        let grid: [Int32] = [0, 1, 2, 3, 4, 5]  // 3 × 2
        let up = NearestResize.resize(grid, width: 3, height: 2, toWidth: 6, toHeight: 4)
        #expect(up == [0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 3, 3, 4, 4, 5, 5])
        #expect(NearestResize.resize(up, width: 6, height: 4, toWidth: 3, toHeight: 2) == grid)
        // 5 → 2 columns reads the centres of [0, 2.5) and [2.5, 5): source columns 1 and 3.
        let row: [Int32] = [10, 11, 12, 13, 14]
        #expect(NearestResize.resize(row, width: 5, height: 1, toWidth: 2, toHeight: 1) == [11, 13])
    }

    @Test func sameSizeIsUnchangedAndEmptySidesGiveNothing() {
        let grid: [UInt8] = [1, 2, 3, 4]
        #expect(NearestResize.resize(grid, width: 2, height: 2, toWidth: 2, toHeight: 2) == grid)
        #expect(NearestResize.resize(grid, width: 2, height: 2, toWidth: 0, toHeight: 5).isEmpty)
    }
}
