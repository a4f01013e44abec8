import ReMETensor
import ReMEImage
import ReMEModels

/// SAM's automatic mask generator with the algorithm of transformers' `mask-generation`
/// pipeline: for the whole image and, with `cropNLayers > 0`, each crop, a grid of single-point
/// prompts decoded in batches with three masks each; masks at or below `predIoUThresh` are
/// dropped before any pixel work, the others are post-processed to the crop's size one at a
/// time into a reused buffer (`SAMMaskUpsampler`), dropped at or below `stabilityScoreThresh`
/// or when their box touches an inner crop edge, and kept as COCO RLE in the image's frame; one
/// box NMS over everything (`SAMBoxNMS`) orders the result by predicted IoU. See docs/sam.md.
public struct SAMAutomaticMaskGenerator: Sendable {
    public let model: any PromptableMaskModel
    public let settings: SAMMaskGenerationSettings
    public let processor: SAMImageProcessor

    public init(model: any PromptableMaskModel, settings: SAMMaskGenerationSettings = .init(),
                processor: SAMImageProcessor = .init()) throws(MethodError) {
        self.model = model
        self.settings = try settings.validated()
        self.processor = processor
    }

    /// Progress: model calls done and in all.
    public typealias Progress = (_ done: Int, _ total: Int) -> Void

    /// The masks of `image`, best predicted IoU first.
    public func generate(_ image: PixelImage, progress: Progress? = nil) throws -> [SAMGeneratedMask] {
        let rgb = image.channels == 3 ? image : image.converted(to: .rgb)
        let crops = SAMCropGrid.crops(width: rgb.width, height: rgb.height, layers: settings.cropNLayers,
                                      overlapRatio: settings.cropOverlapRatio)
        let grids = crops.map { crop in
            SAMCropGrid.unitGrid(SAMCropGrid.pointsPerSide(settings.pointsPerSide, layer: crop.layer,
                                                           downscaleFactor: settings.cropNPointsDownscaleFactor))
        }
        let total = grids.reduce(0) { $0 + ($1.count + settings.pointsPerBatch - 1) / settings.pointsPerBatch }
        var done = 0
        var candidates: [SAMMaskCandidate] = []
        for (crop, grid) in zip(crops, grids) {
            let cropped = try SAMCropping.crop(rgb, box: crop.box)
            let (pixels, geometry) = try processor.preprocess(cropped)
            let embeddings = try model.imageEmbeddings(pixelValues: pixels)
            let scale = SIMD2(Float(crop.width), Float(crop.height))
            let points = grid.map { $0 * scale }
            var pass = SAMCropPass(crop: crop, geometry: geometry, imageWidth: rgb.width, imageHeight: rgb.height,
                                   settings: settings)
            for start in stride(from: 0, to: points.count, by: settings.pointsPerBatch) {
                let batch = Array(points[start..<min(points.count, start + settings.pointsPerBatch)])
                let inputs = batch.map { p in
                    let q = geometry.inputPoint(x: p.x, y: p.y)
                    return [SIMD2(q.x, q.y)]
                }
                let prompts = MaskPrompts(points: inputs, labels: Array(repeating: [1], count: batch.count))
                // Masks at or below the IoU threshold are dropped unread, so the model may skip them.
                let decoded = settings.predIoUThresh > 0
                    ? try model.decodeMasks(imageEmbeddings: embeddings, prompts: prompts, multimaskOutput: true,
                                            skippingMasksAtOrBelowIoU: settings.predIoUThresh)
                    : try model.decodeMasks(imageEmbeddings: embeddings, prompts: prompts, multimaskOutput: true)
                candidates += try pass.filter(decoded, points: batch)
                done += 1
                progress?(done, total)
            }
        }
        return try SAMMaskSelection.select(candidates, settings: settings, width: rgb.width, height: rgb.height)
    }
}

/// A mask that passed the per-mask filters, in the image's frame.
struct SAMMaskCandidate: Sendable {
    var runs: [Int]
    /// `[x0, y0, x1, y1]`, inclusive.
    var box: [Int]
    var score: Float
    var stability: Float
    var point: SIMD2<Float>
    var crop: [Int]
}

/// Cropping a pixel image to a box.
enum SAMCropping {
    static func crop(_ image: PixelImage, box: [Int]) throws(ImageError) -> PixelImage {
        let (left, top, right, bottom) = (box[0], box[1], box[2], box[3])
        guard left >= 0, top >= 0, right <= image.width, bottom <= image.height, right > left, bottom > top else {
            throw .invalidArgument("crop \(box) outside the \(image.width)×\(image.height) image")
        }
        if left == 0, top == 0, right == image.width, bottom == image.height { return image }
        let c = image.channels, w = right - left
        var pixels: [UInt8] = []
        pixels.reserveCapacity(w * (bottom - top) * c)
        for y in top..<bottom {
            let start = (y * image.width + left) * c
            pixels += image.pixels[start..<(start + w * c)]
        }
        return PixelImage(width: w, height: bottom - top, channels: c, pixels: pixels)
    }
}
