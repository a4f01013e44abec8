import ReMEImage
import ReMETensor
import ReMETestSupport
import Testing

@Suite struct PreprocessingTests {
    /// Values from transformers' `get_resize_output_image_size(default_to_square=False)`.
    @Test func shortSideMatchesTransformers() throws {
        let cases: [(Int, Int, Int, Int?, Int, Int)] = [
            (500, 375, 448, nil, 597, 448), (375, 500, 448, nil, 448, 597), (37, 23, 10, nil, 16, 10),
            (23, 37, 224, nil, 224, 360), (1000, 3, 7, nil, 2333, 7), (640, 480, 224, nil, 298, 224),
            (333, 500, 336, nil, 336, 504), (1000, 100, 50, 300, 300, 30),
        ]
        for (w, h, n, maxLong, ew, eh) in cases {
            let size = try ResizeGeometry.shortSide(n, width: w, height: h, maxLongSide: maxLong)
            #expect(size.width == ew && size.height == eh, "\(w)×\(h) → \(n)")
        }
        #expect(throws: ImageError.self) { try ResizeGeometry.shortSide(0, width: 5, height: 5) }
    }

    private static let clipMean: [Float] = [0.48145466, 0.4578275, 0.40821073]
    private static let clipStd: [Float] = [0.26862954, 0.26130258, 0.27577711]

    /// CLIP's processor (its PIL backend, as torchvision is not installed; resize off): centre crop, then fused rescale + normalise.
    @Test(arguments: [(20, 16), (41, 30)])
    func cropAndNormalizeMatchCLIPProcessor(width: Int, height: Int) throws {
        let photo = FloatImage(try ImageFixtures.sourcePhoto())
        let tensor = try photo.centerCropped(width: width, height: height)
            .normalizedCHW(mean: Self.clipMean, std: Self.clipStd)
        #expect(tensor.shape == [3, height, width])
        let reference = try ImageFixtures.floats("clip_crop_normalize_\(width)x\(height)x3.chw.f32")
        #expect(maxAbsDifference(tensor.scalars, reference) <= 1e-5)
    }

    @Test func centerCropOffsetsAndPadding() throws {
        let row = PixelImage(width: 5, height: 1, channels: 1, pixels: [1, 2, 3, 4, 5])
        #expect(try row.centerCropped(width: 2, height: 1).pixels == [2, 3])
        #expect(try row.centerCropped(width: 8, height: 1).pixels == [0, 0, 1, 2, 3, 4, 5, 0])
        #expect(try row.centerCropped(width: 8, height: 1, convention: .torchvision).pixels == [0, 1, 2, 3, 4, 5, 0, 0])
        #expect(try row.centerCropped(width: 3, height: 3).pixels == [0, 0, 0, 2, 3, 4, 0, 0, 0])
        #expect(try row.centerCropped(width: 3, height: 4).pixels == [0, 0, 0, 0, 0, 0, 2, 3, 4, 0, 0, 0])
        #expect(throws: ImageError.self) { try row.centerCropped(width: 0, height: 1) }
    }

    @Test func normalizeChecksChannelCount() {
        let image = FloatImage(width: 1, height: 1, channels: 3, pixels: [0, 0, 0])
        #expect(throws: ImageError.self) { try image.normalizedCHW(mean: [0], std: [1]) }
    }
}

@Suite struct CLIPPipelineTests {
    /// transformers' CLIPImageProcessor (PIL backend): resize short side to 16 with PIL bicubic
    /// on 8-bit pixels, centre crop 16×16, fused rescale + normalise.
    @Test func matchesCLIPImageProcessor() throws {
        let photo = try ImageFixtures.sourcePhoto()
        let size = try ResizeGeometry.shortSide(16, width: photo.width, height: photo.height)
        #expect(size == (25, 16))
        let tensor = try FloatImage(try photo.resizedLikePIL(width: size.width, height: size.height, filter: .bicubic))
            .centerCropped(width: 16, height: 16)
            .normalizedCHW(mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711])
        #expect(tensor.shape == [3, 16, 16])
        #expect(maxAbsDifference(tensor.scalars, try ImageFixtures.floats("clip_pipeline_16x16x3.chw.f32")) <= 1e-5)
    }
}
