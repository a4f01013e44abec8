import ReMETensor
import ReMEImage
import ReMEModels

/// SAM's predictor: masks for point and box prompts on one image, as transformers' `SamModel`
/// followed by `post_process_masks` gives them: prompts are mapped into the input frame
/// (`_normalize_coordinates`), decoded, and every mask is resized to the image and binarised at
/// `maskThreshold`. With points, at most one box joins them (one prompt); boxes alone are
/// decoded as a batch, one prompt each. The stability score (offset `stabilityScoreOffset`) is
/// reported alongside the predicted IoU.
public struct SAMPredictor: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Float, y: Float
        /// 1 foreground, 0 background.
        public var label: Int32
        public init(x: Float, y: Float, label: Int32 = 1) { self.x = x; self.y = y; self.label = label }
    }

    public let model: any PromptableMaskModel
    public let processor: SAMImageProcessor
    public var maskThreshold: Float = 0
    public var stabilityScoreOffset: Float = 1

    public init(model: any PromptableMaskModel, processor: SAMImageProcessor = .init()) {
        self.model = model
        self.processor = processor
    }

    /// The masks for the prompts, per prompt in order, `M` each (3 with `multimask`, else 1).
    public func predict(_ image: PixelImage, points: [Point], boxes: [[Float]], multimask: Bool) throws -> [SAMGeneratedMask] {
        try Self.validate(points: points, boxes: boxes, width: image.width, height: image.height)
        let (pixels, geometry) = try processor.preprocess(image)
        let embeddings = try model.imageEmbeddings(pixelValues: pixels)
        let inputBoxes = boxes.map { geometry.inputBox($0) }
        var prompts = MaskPrompts(boxes: inputBoxes.isEmpty ? nil : inputBoxes)
        if !points.isEmpty {
            prompts.points = [points.map { p in
                let q = geometry.inputPoint(x: p.x, y: p.y)
                return SIMD2(q.x, q.y)
            }]
            prompts.labels = [points.map(\.label)]
        }
        let decoded = try model.decodeMasks(imageEmbeddings: embeddings, prompts: prompts, multimaskOutput: multimask)
        let logits = try processor.postProcessMasks(decoded.lowResolutionMasks, geometry: geometry, binarize: false)
        let (width, height) = (image.width, image.height), plane = image.width * image.height
        let scores = decoded.iouScores.scalars
        guard logits.count == scores.count * plane else {
            throw MethodError.shapeMismatch(what: "SAM decoder output", expected: "one IoU score per mask",
                                            found: decoded.lowResolutionMasks.shape + decoded.iouScores.shape)
        }
        let coords = points.map { [Double($0.x), Double($0.y)] }
        return logits.withUnsafeBufferPointer { all in
            scores.indices.map { m in
                let mask = UnsafeBufferPointer(rebasing: all[(m * plane)..<((m + 1) * plane)])
                let binary = mask.map { $0 > maskThreshold ? UInt8(1) : 0 }
                let box = SAMMaskStatistics.box(mask, width: width, height: height, threshold: maskThreshold)
                let stability = SAMMaskStatistics.stabilityScore(mask, threshold: maskThreshold, offset: stabilityScoreOffset)
                return SAMGeneratedMask(segmentation: COCOMask(mask: binary, width: width, height: height),
                                        bbox: SAMGeneratedMask.xywh(box), predictedIoU: scores[m], stabilityScore: stability,
                                        pointCoords: coords, cropBox: [0, 0, width, height])
            }
        }
    }

    /// Checks prompts against the image: at least one, points and boxes inside it, boxes with
    /// x0 ≤ x1 and y0 ≤ y1, at most one box with points.
    public static func validate(points: [Point], boxes: [[Float]], width: Int, height: Int) throws(MethodError) {
        guard !points.isEmpty || !boxes.isEmpty else {
            throw .invalidParameter(name: "prompts", value: "none", expected: "at least one point or box")
        }
        for p in points {
            guard p.x >= 0, p.y >= 0, p.x <= Float(width), p.y <= Float(height) else {
                throw .invalidParameter(name: "point", value: "\(p.x),\(p.y)", expected: "inside the \(width)×\(height) image")
            }
            guard p.label == 0 || p.label == 1 else {
                throw .invalidParameter(name: "point label", value: "\(p.label)", expected: "1 (foreground) or 0 (background)")
            }
        }
        for b in boxes {
            let text = b.map { "\($0)" }.joined(separator: ",")
            guard b.count == 4 else { throw .invalidParameter(name: "box", value: text, expected: "x0,y0,x1,y1") }
            guard b[0] >= 0, b[1] >= 0, b[2] <= Float(width), b[3] <= Float(height), b[0] <= b[2], b[1] <= b[3] else {
                throw .invalidParameter(name: "box", value: text,
                                        expected: "x0 ≤ x1, y0 ≤ y1 inside the \(width)×\(height) image")
            }
        }
        if !points.isEmpty && boxes.count > 1 {
            throw .invalidParameter(name: "boxes", value: "\(boxes.count) boxes with points",
                                    expected: "at most one box when points are given")
        }
    }
}
