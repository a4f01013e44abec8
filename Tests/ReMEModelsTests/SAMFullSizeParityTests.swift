import Foundation
import ReMEModels
import ReMETensor
import Testing

/// One-off check at a real size: a random SAM ViT-B (or -L, -H) checkpoint with its transformers
/// outputs, made by `scripts/make_sam_fixtures.py --fullsize base DIR`. Runs only when
/// `REME_SAM_FULLSIZE=DIR` is set (slow in debug builds: minutes for the image encoder).
struct SAMFullSizeParityTests {
    static let directory = ProcessInfo.processInfo.environment["REME_SAM_FULLSIZE"]

    @Test(.enabled(if: directory != nil))
    func matchesTransformers() throws {
        let url = URL(fileURLWithPath: try #require(Self.directory))
        let model = try SAMModel.load(url)
        let refs = try SafetensorsFile.fixture(url.appendingPathComponent("reference.safetensors"))
        let start = Date()
        let embeddings = try model.imageEmbeddings(pixelValues: try SAMParityTests.pixels(refs))
        let expected = try refs["image_embeddings"]
        let (error, scale) = (maxAbsDifference(embeddings, expected), expected.scalars.reduce(0) { max($0, abs($1)) })
        print("fullsize SAM \(url.lastPathComponent) image embeddings: max |Δ| = \(error), max |ref| = \(scale), "
            + "\(Date().timeIntervalSince(start)) s (BLAS \(BLAS.coreName))")
        #expect(error <= 1e-4 * max(1, scale))
        for i in 0..<SAMParityTests.promptSets where refs.names.contains("set\(i).multimask") {
            let multimask = try refs["set\(i).multimask"].scalars == [1]
            let prediction = try model.decodeMasks(imageEmbeddings: expected, prompts: try SAMParityTests.prompts(refs, set: i),
                                                   multimaskOutput: multimask)
            let want = try refs["set\(i).masks_sub"]
            let maskError = maxAbsDifference(SAMParityTests.subsampled(prediction.lowResolutionMasks), want)
            let maskScale = want.scalars.reduce(0) { max($0, abs($1)) }
            let iouError = maxAbsDifference(prediction.iouScores, try refs["set\(i).iou_scores"])
            print("fullsize SAM set \(i): masks max |Δ| = \(maskError) (max |ref| \(maskScale)), IoU max |Δ| = \(iouError)")
            #expect(maskError <= 1e-4 * max(1, maskScale))
            #expect(iouError <= 1e-4)
        }
    }
}
