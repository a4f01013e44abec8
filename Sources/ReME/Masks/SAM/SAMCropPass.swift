import ReMETensor
import ReMEImage
import ReMEModels

/// The per-mask filters of one crop (transformers' `filter_masks`): predicted IoU first (no
/// pixels), then each remaining mask post-processed to the crop's size into a reused buffer for
/// its stability score, box and crop-edge test; survivors are run-length encoded in the image's
/// frame (`_pad_masks` + `_mask_to_rle`). Masks of a batch are spread over the cores.
struct SAMCropPass {
    let crop: SAMCropGrid.Crop
    let geometry: SAMImageGeometry
    let imageWidth: Int, imageHeight: Int
    let settings: SAMMaskGenerationSettings
    private var upsampler: SAMMaskUpsampler?

    init(crop: SAMCropGrid.Crop, geometry: SAMImageGeometry, imageWidth: Int, imageHeight: Int,
         settings: SAMMaskGenerationSettings) {
        self.crop = crop
        self.geometry = geometry
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.settings = settings
    }

    /// The candidates of one decoded batch whose prompts were `points` (crop frame).
    mutating func filter(_ decoded: DecodedMasks, points: [SIMD2<Float>]) throws(MethodError) -> [SAMMaskCandidate] {
        let shape = decoded.lowResolutionMasks.shape
        guard shape.count == 4, shape[0] == points.count, shape[2] == shape[3], shape[2] > 0,
              decoded.iouScores.shape == [shape[0], shape[1]] else {
            throw .shapeMismatch(what: "SAM decoder output (masks, IoU scores)",
                                 expected: "[\(points.count), M, L, L] and [\(points.count), M]",
                                 found: shape + decoded.iouScores.shape)
        }
        let side = shape[2]
        if upsampler?.lowResolution != side { upsampler = SAMMaskUpsampler(lowResolution: side, geometry: geometry) }
        guard let upsampler else { return [] }
        let scores = decoded.iouScores.scalars
        let candidateIndices = scores.indices.filter { settings.predIoUThresh <= 0 || scores[$0] > settings.predIoUThresh }
        var results = [SAMMaskCandidate?](repeating: nil, count: candidateIndices.count)
        let perMask = shape[1]
        decoded.lowResolutionMasks.withUnsafeBufferPointer { masks in
            results.withUnsafeMutableBufferPointer { out in
                ParallelChunks.forEach(candidateIndices.count, minimumChunk: 1) { range in
                    var buffer = [Float](repeating: 0, count: crop.width * crop.height)
                    var scratch = upsampler.makeScratch()
                    for k in range {
                        let index = candidateIndices[k]
                        let low = UnsafeBufferPointer(rebasing: masks[(index * side * side)..<((index + 1) * side * side)])
                        out[k] = buffer.withUnsafeMutableBufferPointer { high in
                            upsampler.upsample(low, into: high, scratch: &scratch)
                            return candidate(UnsafeBufferPointer(high), score: scores[index], point: points[index / perMask])
                        }
                    }
                }
            }
        }
        return results.compactMap { $0 }
    }

    private func candidate(_ logits: UnsafeBufferPointer<Float>, score: Float, point: SIMD2<Float>) -> SAMMaskCandidate? {
        let threshold = settings.maskThreshold
        let stability = SAMMaskStatistics.stabilityScore(logits, threshold: threshold, offset: settings.stabilityScoreOffset)
        if settings.stabilityScoreThresh > 0 && !(stability > settings.stabilityScoreThresh) { return nil }
        let box = SAMMaskStatistics.box(logits, width: crop.width, height: crop.height, threshold: threshold)
        if SAMMaskStatistics.isNearCropEdge(box, crop: crop.box, imageWidth: imageWidth, imageHeight: imageHeight) {
            return nil
        }
        let (left, top) = (crop.box[0], crop.box[1])
        var builder = COCORunBuilder()
        for x in 0..<imageWidth {
            guard x >= left, x < crop.box[2] else {
                builder.append(false, count: imageHeight)
                continue
            }
            builder.append(false, count: top)
            for y in 0..<crop.height { builder.append(logits[y * crop.width + x - left] > threshold, count: 1) }
            builder.append(false, count: imageHeight - crop.box[3])
        }
        return SAMMaskCandidate(runs: builder.finished(), box: [box[0] + left, box[1] + top, box[2] + left, box[3] + top],
                                score: score, stability: stability, point: point + SIMD2(Float(left), Float(top)),
                                crop: crop.box)
    }
}
