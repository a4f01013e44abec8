import Foundation
import ReMEImage
import ReMEModels
import ReMETensor
import Testing

/// The folder's preprocessing against transformers' CLIPImageProcessorPil on a 61×45 image.
struct ImagePreprocessorTests {
    let folder = ModelFolder(url: Fixtures.model("preprocess"))

    @Test func matchesTransformersPILBackend() throws {
        let refs = try SafetensorsFile.fixture(folder.file("reference.safetensors"))
        let hwc = try refs["image_hwc"]
        let image = PixelImage(width: hwc.shape[1], height: hwc.shape[0], channels: 3,
                               pixels: hwc.scalars.map { UInt8($0) })
        let pre = try ImagePreprocessor.load(folder)
        let pixels = try pre(image)
        let expected = try refs["pixel_values_pil"].reshaped([3, 28, 28])
        #expect(pixels.shape == [3, 28, 28])
        #expect(maxAbsDifference(pixels, expected) <= 1e-5)
    }

    @Test func sizesFollowTransformersAndTheDenseRule() {
        #expect(ImagePreprocessor.shortestEdgeSize(224, width: 640, height: 480) == (298, 224))
        #expect(ImagePreprocessor.shortestEdgeSize(224, width: 333, height: 500) == (224, 336))
        // Dense mode: short side 448, long side 448·640/480 = 597.3 → 42.67 patches → 43 · 14.
        #expect(ImagePreprocessor.denseSize(shortSide: 448, patch: 14, width: 640, height: 480) == (602, 448))
        #expect(ImagePreprocessor.denseSize(shortSide: 448, patch: 14, width: 10, height: 1000).width == 448)
    }

    @Test func oldIntegerSizesAndGrayImagesAreAccepted() throws {
        let config = try PreprocessorConfig.parse(Data(#"{"size": 8, "crop_size": 6, "resample": 3}"#.utf8))
        #expect(config.size == .shortestEdge(8) && config.cropWidth == 6 && config.cropHeight == 6)
        let gray = PixelImage(width: 12, height: 8, channels: 1, pixels: [UInt8](repeating: 128, count: 96))
        let pixels = try ImagePreprocessor(config: config)(gray)
        #expect(pixels.shape == [3, 6, 6])
        // A flat gray image stays flat: (128/255 − mean)/std per channel.
        let expected = (Float(128) / 255 - config.imageMean[0]) / config.imageStd[0]
        #expect(abs(pixels.scalars[0] - expected) < 1e-5)
        #expect(throws: ModelError.self) { try PreprocessorConfig.parse(Data(#"{"image_mean": [0.5]}"#.utf8)) }
    }
}
