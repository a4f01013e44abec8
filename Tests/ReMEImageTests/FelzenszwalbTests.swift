import Testing
@testable import ReMEImage

@Suite struct FelzenszwalbTests {
    static let presets: [(String, SegmentPreset)] = [("voc", .voc), ("context", .context), ("stuff", .stuff),
                                                      ("cityscapes", .cityscapes)]

    @Test(arguments: ["astronaut", "voc", "gray"])
    func matchesScikitImageExactly(crop: String) throws {
        let meta = try #require(SegmentFixtures.json("felz_meta.json") as? [String: Any])
        let crops = try #require(meta["crops"] as? [String: [String: Int]])
        let size = try #require(crops[crop])
        let width = try #require(size["width"]), height = try #require(size["height"])
        let image = PixelImage(width: width, height: height, channels: 3,
                               pixels: try SegmentFixtures.bytes("felz_\(crop).rgb"))
        for (name, preset) in Self.presets {
            let reference = try SegmentFixtures.uint16s("felz_\(crop)_\(name).u16").map(Int32.init)
            let expected = try SegmentLabels(width: width, height: height, renumbering: reference)
            let labels = try Felzenszwalb.segment(image, parameters: FelzenszwalbParameters(preset: preset))
            #expect(labels.count == expected.count, "\(crop) \(name)")
            #expect(labels == expected, "\(crop) \(name): partition differs from scikit-image")
        }
    }

    @Test func presetsFollowMethod() {
        #expect(FelzenszwalbParameters(preset: .voc) == .init(scale: 100, sigma: 0.7, minSize: 20))
        #expect(FelzenszwalbParameters(preset: .ade) == .init(scale: 100, sigma: 1.0, minSize: 20))
        #expect(FelzenszwalbParameters(preset: .context) == .init(scale: 100, sigma: 1.0, minSize: 20))
        #expect(FelzenszwalbParameters(preset: .stuff) == .init(scale: 100, sigma: 1.0, minSize: 100))
        #expect(FelzenszwalbParameters(preset: .cityscapes) == .init(scale: 20, sigma: 0.5, minSize: 50))
    }

    @Test func gaussianKernelMatchesSciPy() {
        let kernel = GaussianBlur.kernel(sigma: 1.0)
        let scipy = [0.00013383062461474175, 0.0044318616200312655, 0.05399112742070441, 0.24197144565660073,
                     0.39894346935609776, 0.24197144565660073, 0.05399112742070441, 0.0044318616200312655,
                     0.00013383062461474175]
        #expect(kernel == scipy)
    }

    @Test func blurMatchesSciPyReflect() {
        // scipy.ndimage.gaussian_filter(np.arange(12.).reshape(3, 4) ** 1.5, 0.7, mode="reflect")
        var plane = (0..<12).map { Double($0) * Double($0).squareRoot() }
        GaussianBlur.blur(planes: &plane, channels: 1, width: 4, height: 3, sigma: 0.7)
        let scipy = [2.2997099707885784, 3.6225671476983408, 5.750631123050137, 7.736046948889525,
                     10.125300217261792, 12.520302777710713, 15.828932641885302, 18.64536274658442,
                     20.222408349012266, 23.449225624928328, 27.71816271867288, 31.23653309618343]
        for (a, b) in zip(plane, scipy) { #expect(abs(a - b) <= 1e-12 * abs(b)) }
    }

    @Test func labelsAreInRasterOrder() throws {
        var pixels = [UInt8](repeating: 0, count: 20 * 10 * 3)
        for y in 0..<10 { for x in 10..<20 { for c in 0..<3 { pixels[(y * 20 + x) * 3 + c] = 255 } } }
        let image = PixelImage(width: 20, height: 10, channels: 3, pixels: pixels)
        let labels = try Felzenszwalb.segment(image, parameters: .init(scale: 100, sigma: 0, minSize: 5))
        #expect(labels.count == 2)
        #expect(labels.labels[0] == 0)
        #expect(labels.labels[19] == 1)
        #expect(labels.areas() == [100, 100])
    }

    @Test func grayIsReplicatedToRGB() throws {
        let gray = try SegmentFixtures.bytes("felz_gray.rgb").enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let one = PixelImage(width: 40, height: 30, channels: 1, pixels: gray)
        let three = PixelImage(width: 40, height: 30, channels: 3, pixels: gray.flatMap { [$0, $0, $0] })
        let four = PixelImage(width: 40, height: 30, channels: 4, pixels: gray.flatMap { [$0, $0, $0, 7] })
        let expected = try Felzenszwalb.segment(three)
        #expect(try Felzenszwalb.segment(one) == expected)
        #expect(try Felzenszwalb.segment(four) == expected)
        #expect(try Felzenszwalb.segment(FloatImage(one)) == expected)
    }

    @Test func tinyImages() throws {
        let single = try Felzenszwalb.segment(PixelImage(width: 1, height: 1, channels: 3, pixels: [1, 2, 3]))
        #expect(single.count == 1 && single.labels == [0])
        let row = try Felzenszwalb.segment(PixelImage(width: 5, height: 1, channels: 1, pixels: [0, 0, 0, 255, 255]),
                                           parameters: .init(scale: 1, sigma: 0, minSize: 1))
        #expect(row.labels == [0, 0, 0, 1, 1])
    }

    @Test func badInputThrowsTypedErrors() {
        #expect(throws: SegmentationError.emptyImage(width: 0, height: 4)) {
            try Felzenszwalb.segment(PixelImage(width: 0, height: 4, channels: 3, pixels: []))
        }
        let image = PixelImage(width: 4, height: 4, channels: 3, pixels: [UInt8](repeating: 9, count: 48))
        #expect(throws: SegmentationError.tooLarge(width: 4, height: 4, maxPixels: 10)) {
            try Felzenszwalb.segment(image, maxPixels: 10)
        }
        #expect(throws: SegmentationError.self) {
            try Felzenszwalb.segment(image, parameters: .init(scale: -1))
        }
        #expect(throws: SegmentationError.self) {
            try Felzenszwalb.segment(image, parameters: .init(sigma: .nan))
        }
        #expect(throws: SegmentationError.unsupportedChannels(2)) {
            try Felzenszwalb.segment(PixelImage(width: 2, height: 2, channels: 2, pixels: [UInt8](repeating: 0, count: 8)))
        }
        #expect(throws: SegmentationError.nonFiniteInput) {
            try Felzenszwalb.segment(FloatImage(width: 1, height: 2, channels: 1, pixels: [1, .infinity]))
        }
        let message = SegmentationError.tooLarge(width: 12000, height: 9000, maxPixels: 25_000_000).description
        #expect(message.contains("12000×9000") && message.contains("downscale") && !message.contains("--"))
    }
}
