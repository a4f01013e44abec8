import Foundation
import ReMEImage
import ReMETensor
import Testing

/// Output sizes of the resize fixtures (up, down, one axis only, 1-pixel edges, odd sizes).
let resizeSizes: [(Int, Int)] = [(64, 40), (19, 11), (37, 12), (10, 23), (1, 1), (5, 1), (100, 7), (3, 50)]

@Suite struct PILResizeTests {
    /// Bit-exact, except where Pillow 13 runs the vertical pass first (height shrinks while
    /// the width grows a lot: 100×7 here); the rounding between passes then differs by ≤ 1.
    @Test(arguments: ResizeFilter.allCases)
    func eightBitMatchesPIL(filter: ResizeFilter) throws {
        let photo = try ImageFixtures.sourcePhoto()
        for (w, h) in resizeSizes {
            let resized = try photo.resizedLikePIL(width: w, height: h, filter: filter)
            let reference = try ImageFixtures.bytes("pil_u8_\(filter.rawValue)_\(w)x\(h)x3.u8")
            #expect(resized.width == w && resized.height == h)
            let tolerance = (w, h) == (100, 7) ? 1 : 0
            #expect(maxAbsDifference(resized.pixels, reference) <= tolerance, "\(filter) \(w)×\(h)")
        }
    }

    @Test(arguments: ResizeFilter.allCases)
    func floatMatchesPILFloatMode(filter: ResizeFilter) throws {
        let photo = try ImageFixtures.sourcePhoto()
        let unit = FloatImage(width: 37, height: 23, channels: 3, pixels: photo.pixels.map { Float($0) / 255 })
        for (w, h) in resizeSizes {
            let resized = try unit.resizedLikePIL(width: w, height: h, filter: filter)
            let reference = try ImageFixtures.floats("pil_f32_\(filter.rawValue)_\(w)x\(h)x3.f32")
            #expect(maxAbsDifference(resized.pixels, reference) <= 1e-5, "\(filter) \(w)×\(h)")
        }
    }

    @Test func sameSizeIsIdentityAndBadSizesThrow() throws {
        let photo = try ImageFixtures.sourcePhoto()
        #expect(try photo.resizedLikePIL(width: 37, height: 23) == photo)
        #expect(throws: ImageError.self) { try photo.resizedLikePIL(width: 0, height: 5) }
    }
}

@Suite struct TorchResizeTests {
    private func unitPhoto() throws -> FloatImage {
        let photo = try ImageFixtures.sourcePhoto()
        return FloatImage(width: 37, height: 23, channels: 3, pixels: photo.pixels.map { Float($0) / 255 })
    }

    @Test(arguments: ResizeFilter.allCases, [false, true])
    func matchesInterpolate(filter: ResizeFilter, antialias: Bool) throws {
        let unit = try unitPhoto()
        for (w, h) in resizeSizes {
            let resized = try unit.resizedLikeTorch(width: w, height: h, filter: filter, antialias: antialias)
            let name = "torch_\(filter.rawValue)\(antialias ? "_aa" : "")_\(w)x\(h)x3.f32"
            let reference = try ImageFixtures.floats(name)
            #expect(maxAbsDifference(resized.pixels, reference) <= 1e-5, "\(name)")
        }
    }

    @Test func chwTensorMatchesHWC() throws {
        let unit = try unitPhoto()
        var planar = [Float](repeating: 0, count: unit.pixels.count)
        for c in 0..<3 { for i in 0..<(37 * 23) { planar[c * 37 * 23 + i] = unit.pixels[i * 3 + c] } }
        let tensor = try Tensor(shape: [3, 23, 37], data: planar)
        let resized = try tensor.resizedLikeTorch(height: 40, width: 64, filter: .bicubic)
        #expect(resized.shape == [3, 40, 64])
        let reference = try ImageFixtures.floats("torch_bicubic_64x40x3.f32")
        var hwc = [Float](repeating: 0, count: reference.count)
        resized.withUnsafeBufferPointer { p in
            for c in 0..<3 { for i in 0..<(64 * 40) { hwc[i * 3 + c] = p[c * 64 * 40 + i] } }
        }
        #expect(maxAbsDifference(hwc, reference) <= 1e-5)
    }
}
