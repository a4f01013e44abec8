import Foundation
import ReMEImage
import ReMEModels
import ReMETensor
import ReMETestSupport
import Testing

/// SAMImageProcessor against transformers' SamImageProcessor (torchvision backend) on a VOC photo
/// smaller than 1024 (500×338, upscaled) and the same photo three times side by side (1500×338,
/// downscaled); references from scripts/make_sam_amg_fixtures.py (Tests/Fixtures/sam/amg).
struct SAMImageProcessorTests {
    static let photo = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc/JPEGImages/2011_000003.jpg"
    let amg = Fixtures.root.appendingPathComponent("sam/amg")

    struct Reference: Decodable {
        var stride: Int, post_stride: Int
        var images: [String: Image]
        struct Image: Decodable {
            var original_size: [Int], reshaped_input_size: [Int]
            var points: [[Float]], normalized_points: [[Float]]
            var boxes: [[Float]], normalized_boxes: [[Float]]
            var post_rle: [[String]]
            var stability: [[Float]]
        }
    }

    static func image(_ name: String) throws -> PixelImage {
        let small = try PixelImage(contentsOfFile: photo)
        guard name == "wide" else { return small }
        return PixelImage(width: small.width * 3, height: small.height, channels: 3,
                          pixels: sideBySide(small.pixels, width: small.width, height: small.height, channels: 3, times: 3))
    }

    /// Exact-integer logits [count, 3, 256, 256] (formula_logits in the script).
    static func formulaLogits(count: Int) throws -> Tensor {
        var data: [Float] = []
        for n in 0..<count {
            for m in 0..<3 {
                for y in 0..<256 {
                    for x in 0..<256 { data.append(Float((x * 3 + y * 2 * (m + 1) + n * 11) % 97) - 48) }
                }
            }
        }
        return try Tensor(shape: [count, 3, 256, 256], data: data)
    }

    func reference() throws -> (Reference, SafetensorsFile) {
        let data = try Data(contentsOf: amg.appendingPathComponent("processor.json"))
        return (try JSONDecoder().decode(Reference.self, from: data),
                try SafetensorsFile.fixture(amg.appendingPathComponent("processor.safetensors")))
    }

    @Test(arguments: ["small", "wide"]) func pixelValuesMatchTransformers(name: String) throws {
        let (ref, tensors) = try reference()
        let expected = try #require(ref.images[name])
        let (pixels, geometry) = try SAMImageProcessor().preprocess(try Self.image(name))
        #expect([geometry.originalHeight, geometry.originalWidth] == expected.original_size)
        #expect([geometry.reshapedHeight, geometry.reshapedWidth] == expected.reshaped_input_size)
        #expect(pixels.shape == [3, 1024, 1024])
        let strided = try tensors["\(name).pixels_strided"]
        let side = strided.shape[2], values = pixels.scalars, s = ref.stride, expectedValues = strided.scalars
        var worst: Float = 0
        for c in 0..<3 {
            for y in 0..<side {
                for x in 0..<side {
                    worst = max(worst, abs(values[(c * 1024 + y * s) * 1024 + x * s] - expectedValues[(c * side + y) * side + x]))
                }
            }
        }
        #expect(worst <= 1e-4)
        let sums = try tensors["\(name).channel_sums"].scalars
        for c in 0..<3 {
            let sum = values[(c * 1024 * 1024)..<((c + 1) * 1024 * 1024)].reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - Double(sums[c])) <= 1e-5 * max(1, abs(Double(sums[c]))), "channel \(c): \(sum) vs \(sums[c])")
        }
    }

    @Test(arguments: ["small", "wide"]) func coordinatesMatchNormalizeCoordinates(name: String) throws {
        let expected = try #require(try reference().0.images[name])
        let geometry = try SAMImageProcessor().geometry(width: expected.original_size[1], height: expected.original_size[0])
        for (p, q) in zip(expected.points, expected.normalized_points) {
            let mapped = geometry.inputPoint(x: p[0], y: p[1])
            #expect(abs(mapped.x - q[0]) <= 1e-4 && abs(mapped.y - q[1]) <= 1e-4, "\(p) → \(mapped), expected \(q)")
        }
        for (b, q) in zip(expected.boxes, expected.normalized_boxes) {
            #expect(maxAbsDifference(geometry.inputBox(b), q) <= 1e-4, "\(b) → \(geometry.inputBox(b)), expected \(q)")
        }
    }

    @Test(arguments: ["small", "wide"]) func postProcessMasksMatchesTransformers(name: String) throws {
        let (ref, tensors) = try reference()
        let expected = try #require(ref.images[name])
        let processor = SAMImageProcessor()
        let geometry = try processor.geometry(width: expected.original_size[1], height: expected.original_size[0])
        let logits = try processor.postProcessMasks(try Self.formulaLogits(count: 2), geometry: geometry, binarize: false)
        let (h, w) = (geometry.originalHeight, geometry.originalWidth)
        #expect(logits.shape == [2, 3, h, w])
        let strided = try tensors["\(name).post_strided"], s = ref.post_stride
        let (sh, sw) = (strided.shape[2], strided.shape[3])
        let values = logits.scalars, expectedValues = strided.scalars
        var worst: Float = 0
        for m in 0..<6 {
            for y in 0..<sh {
                for x in 0..<sw {
                    worst = max(worst, abs(values[(m * h + y * s) * w + x * s] - expectedValues[(m * sh + y) * sw + x]))
                }
            }
        }
        #expect(worst <= 1e-4)
        let binary = try processor.postProcessMasks(try Self.formulaLogits(count: 2), geometry: geometry).scalars
        logits.withUnsafeBufferPointer { all in
            for m in 0..<6 {
                let plane = UnsafeBufferPointer(rebasing: all[(m * h * w)..<((m + 1) * h * w)])
                let stability = SAMMaskStatisticsProbe.stability(plane)
                #expect(abs(stability - expected.stability[m / 3][m % 3]) <= 1e-4)
                let mask = binary[(m * h * w)..<((m + 1) * h * w)].map { UInt8($0) }
                let rle = COCOMask(mask: mask, width: w, height: h)
                #expect(rle.compressedCounts == expected.post_rle[m / 3][m % 3], "mask \(m)")
            }
        }
    }

    @Test func largerAndSmallerImagesGetSAMsGeometry() throws {
        let tall = try SAMImageGeometry(originalWidth: 300, originalHeight: 2000)
        #expect((tall.reshapedWidth, tall.reshapedHeight) == (154, 1024))
        let tiny = try SAMImageGeometry(originalWidth: 7, originalHeight: 3)
        #expect((tiny.reshapedWidth, tiny.reshapedHeight) == (1024, 439))
        #expect(throws: ImageError.self) { try SAMImageGeometry(originalWidth: 0, originalHeight: 3) }
    }
}

/// The stability score as the pipeline computes it (offset 1, threshold 0), for the tests.
enum SAMMaskStatisticsProbe {
    static func stability(_ logits: UnsafeBufferPointer<Float>) -> Float {
        var intersection = 0, union = 0
        for v in logits {
            if v > 1 { intersection += 1 }
            if v > -1 { union += 1 }
        }
        return Float(intersection) / Float(union)
    }
}

/// `SAMImageProcessor.load` reads the tiny checkpoint's `preprocessor_config.json` (the hub's
/// SAM settings) and refuses settings it does not implement.
struct SAMImageProcessorConfigTests {
    @Test func readsTheHubSettings() throws {
        let processor = try SAMImageProcessor.load(ModelFolder(url: Fixtures.root.appendingPathComponent("sam/tiny")))
        #expect(processor == SAMImageProcessor())
    }

    @Test func refusesOtherPreprocessing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sam-pre-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try SAMImageProcessor.load(ModelFolder(url: folder)) == SAMImageProcessor())
        try Data(#"{"resample": 3, "size": {"longest_edge": 1024}}"#.utf8).write(to: folder.appendingPathComponent("preprocessor_config.json"))
        #expect(throws: ModelError.self) { try SAMImageProcessor.load(ModelFolder(url: folder)) }
        try Data(#"{"size": {"longest_edge": 512}, "pad_size": {"height": 512, "width": 512}}"#.utf8)
            .write(to: folder.appendingPathComponent("preprocessor_config.json"))
        let small = try SAMImageProcessor.load(ModelFolder(url: folder))
        #expect(small.longestEdge == 512 && small.padSize == 512)
    }
}
