import ReMETensor
import Testing
@testable import ReMEImage

@Suite struct MaskPoolingTests {
    static func fixtureLabels() throws -> SegmentLabels {
        // Keep the fixture's ids (torch rows are in id order), not raster order.
        SegmentLabels(width: 23, height: 17, count: 5, labels: try SegmentFixtures.int32s("pool_labels.i32"))
    }

    @Test func bilinearWeightsMatchTorchInterpolate() throws {
        let labels = try Self.fixtureLabels()
        #expect(labels.count == 5)
        let torch = try SegmentFixtures.floats("pool_weights.f32")
        let area = try SegmentFixtures.floats("pool_area.f32")
        let weights = try MaskPooling.patchWeights(labels, gridWidth: 5, gridHeight: 4).scalars
        for k in 0..<5 {
            let row = 20 * k ..< 20 * (k + 1)
            let torchRow = Array(torch[row])
            // Masks that vanish under bilinear sampling fall back to their area weights.
            let expected = torchRow.reduce(0, +) == 0 ? Array(area[row]) : torchRow
            for (a, b) in zip(weights[row], expected) { #expect(abs(a - b) < 1e-6, "segment \(k)") }
        }
        // The fixture has at least one vanishing mask (the single pixel at the corner).
        #expect(torch[80..<100].reduce(0, +) == 0)
        #expect(weights[80..<100].reduce(0, +) > 0)
    }

    @Test func areaWeightsMatchAdaptiveAvgPool() throws {
        let labels = try Self.fixtureLabels()
        let torch = try SegmentFixtures.floats("pool_area.f32")
        let weights = try MaskPooling.patchWeights(labels, gridWidth: 5, gridHeight: 4, resampling: .area).scalars
        for (a, b) in zip(weights, torch) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func poolingIsNormalisedWeightedAverage() throws {
        let labels = try Self.fixtureLabels()
        let d = 6
        let tokenValues = (0..<(20 * d)).map { Float(($0 * 37) % 11) - 5 }
        let tokens = try Tensor(shape: [20, d], data: tokenValues)
        let pooled = try MaskPooling.pool(tokens: tokens, labels: labels, gridWidth: 5, gridHeight: 4)
        #expect(pooled.shape == [5, d])
        let weights = try MaskPooling.patchWeights(labels, gridWidth: 5, gridHeight: 4).scalars
        for k in 0..<5 {
            var manual = [Float](repeating: 0, count: d)
            for p in 0..<20 { for j in 0..<d { manual[j] += weights[k * 20 + p] * tokenValues[p * d + j] } }
            let norm = manual.map { $0 * $0 }.reduce(0, +).squareRoot()
            for j in 0..<d { #expect(abs(pooled.scalars[k * d + j] - manual[j] / norm) < 1e-5) }
        }
        let batched = try MaskPooling.pool(tokens: tokens.reshaped([1, 20, d]), labels: labels, gridWidth: 5, gridHeight: 4)
        #expect(batched.scalars == pooled.scalars)
    }

    @Test func rejectsTokensOfTheWrongGrid() throws {
        let labels = try Self.fixtureLabels()
        let tokens = Tensor(zeros: [21, 4])
        #expect(throws: SegmentationError.self) {
            try MaskPooling.pool(tokens: tokens, labels: labels, gridWidth: 5, gridHeight: 4)
        }
        #expect(throws: SegmentationError.self) {
            try MaskPooling.patchWeights(labels, gridWidth: 0, gridHeight: 4)
        }
    }
}
