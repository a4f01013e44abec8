import ReMEImage
import ReMETensor
import ReMETestSupport
import Testing

@testable import ReME

@Suite struct OverlappingMasksPredictionTests {
    /// Eq. 3 on cells equals Eq. 3 on the dense `[K, pixels]` binary masks (one GEMM).
    @Test func cellPredictionEqualsTheDenseSumOfMasks() throws {
        let (w, h, c) = (21, 14, 4)
        var rng = SeededGenerator(seed: 7)
        var raw: [[UInt8]] = []
        for _ in 0..<6 {
            let x0 = Int.random(in: 0..<15, using: &rng), y0 = Int.random(in: 0..<9, using: &rng)
            raw.append((0..<(w * h)).map { p in (x0..<(x0 + 7)).contains(p % w) && (y0..<(y0 + 5)).contains(p / w) ? 1 : 0 })
        }
        let overlapping = try OverlappingMasks(masks: raw, width: w, height: h)
        let k = overlapping.maskCount
        let scores = try Tensor(shape: [k, c], data: rng.uniformVector(k * c, in: 0...1))
        var dense = [Float](repeating: 0, count: k * w * h)
        for (cell, list) in overlapping.maskCells.enumerated() {
            for p in 0..<(w * h) where list.contains(overlapping.cells.labels[p]) { dense[cell * w * h + p] = 1 }
        }
        let weights = try SegmentMasks(width: w, height: h, weights: try Tensor(shape: [k, w * h], data: dense))
        for background in [nil, BackgroundRule(threshold: 0.35, classIndex: 0)] {
            let viaCells = try PixelPrediction.predict(segmentScores: scores, masks: SegmentMasks(overlapping), background: background)
            let viaGEMM = try PixelPrediction.predict(segmentScores: scores, masks: weights, background: background)
            #expect(viaCells == viaGEMM)
        }
    }

    /// A generator of overlapping masks runs through the pipeline: its regions are the cells,
    /// and uncovered pixels are decided by their own features, not painted class 0.
    @Test func pipelineReportsCellsAndClassifiesUncoveredPixels() throws {
        // Left half bright, right half dark; one mask covers the bright half only.
        let (w, h) = (8, 4)
        let pixels = (0..<(w * h)).flatMap { p in [UInt8](repeating: p % w < 4 ? 250 : 5, count: 3) }
        let image = PixelImage(width: w, height: h, channels: 3, pixels: pixels)
        let pipeline = SegmentationPipeline(masks: LeftHalfMask(), labeler: SegmentLabeler(classifier: MeanGrayClassifier()))
        let output = try pipeline.segment(image, labels: ["bright", "dark"])
        #expect(output.segments.count == 2)
        #expect(output.segmentScores.shape == [2, 2])
        #expect(output.classMap == (0..<(w * h)).map { $0 % w < 4 ? 0 : 1 })
        let summary = output.classSummary()
        #expect(summary.map(\.share) == [0.5, 0.5])
    }
}

/// One binary mask on the left half of the image.
private struct LeftHalfMask: MaskGenerator {
    func masks(for image: PixelImage, name: String) throws -> SegmentMasks {
        let mask = (0..<(image.width * image.height)).map { p in UInt8(p % image.width < image.width / 2 ? 1 : 0) }
        return SegmentMasks(try OverlappingMasks(masks: [mask], width: image.width, height: image.height))
    }

    func segments(for image: PixelImage, name: String) throws -> SegmentLabels {
        try masks(for: image, name: name).labelMap()
    }

    var settingsDescription: String { "left half" }
}

/// Mean gray level per mask (from its cells); "bright" scores it, "dark" its complement.
private struct MeanGrayClassifier: SegmentClassifier {
    func features(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        guard case let .overlapping(overlapping) = masks.storage else { throw MethodError.invalidMasks("overlapping") }
        var sums = [Float](repeating: 0, count: overlapping.cellCount), counts = sums
        for (p, cell) in overlapping.cells.labels.enumerated() {
            sums[Int(cell)] += Float(image.pixels[p * image.channels]) / 255
            counts[Int(cell)] += 1
        }
        let levels = overlapping.maskCells.map { list in
            list.reduce(Float(0)) { $0 + sums[Int($1)] } / list.reduce(Float(0)) { $0 + counts[Int($1)] }
        }
        return try Tensor(shape: [levels.count, 1], data: levels)
    }

    func segmentScores(features: Tensor, labels: [String]) throws -> Tensor {
        let scores = features.scalars.flatMap { level in labels.map { $0 == "bright" ? level : 1 - level } }
        return try Tensor(shape: [features.shape[0], labels.count], data: scores)
    }
}
