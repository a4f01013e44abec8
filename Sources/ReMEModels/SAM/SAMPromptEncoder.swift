import ReMETensor

/// SAM's prompt encoder (transformers' `SamPromptEncoder`): points and box corners become
/// positional encodings plus learned embeddings (sparse tokens); mask inputs become dense
/// embeddings, and without one the dense embedding is `no_mask_embed` at every image cell.
struct SAMPromptEncoder: Sendable {
    var positional: SAMPositionalEncoding
    /// `point_embed.0…3`: background point, foreground point, box top-left, box bottom-right.
    var pointEmbeddings: [Tensor]
    var notAPoint: Tensor
    var noMask: Tensor
    var maskEmbedding: SAMMaskEmbedding
    var width: Int
    /// Side of the input frame the coordinates are in (1024).
    var inputSize: Int

    init(_ w: WeightLoader, config: SAMConfig) throws(ModelError) {
        let p = config.promptEncoder, c = p.hiddenSize, features = config.vision.numPosFeats
        let gaussian = try w.take("shared_image_embedding.positional_embedding", shape: [2, features])
        positional = SAMPositionalEncoding(gaussian: gaussian)
        // The prompt encoder's copy is tied to the shared one; older exports store it too.
        if w.contains("prompt_encoder.shared_embedding.positional_embedding") {
            _ = try w.take("prompt_encoder.shared_embedding.positional_embedding", shape: [2, features])
        }
        pointEmbeddings = try (0..<p.numPointEmbeddings).map { (i: Int) throws(ModelError) in
            try w.take("prompt_encoder.point_embed.\(i).weight", shape: [1, c]).reshapedRows(c)
        }
        notAPoint = try w.take("prompt_encoder.not_a_point_embed.weight", shape: [1, c]).reshapedRows(c)
        noMask = try w.take("prompt_encoder.no_mask_embed.weight", shape: [1, c]).reshapedRows(c)
        maskEmbedding = try SAMMaskEmbedding(w, config: p)
        width = c
        inputSize = p.imageSize
    }

    /// The dense prompt embeddings [Bm, side², C] of the batch's mask inputs (Bm = B, or 1 for a
    /// mask shared by every prompt), or nil without masks (then `noMask` applies everywhere).
    func dense(_ prompts: SAMPromptBatch, side: Int) throws(ModelError) -> Tensor? {
        guard let masks = prompts.masks else { return nil }
        let size = 4 * side, batch = prompts.count
        guard masks.rank == 3, masks.shape[1] == size, masks.shape[2] == size, masks.shape[0] == batch || masks.shape[0] == 1 else {
            throw .invalidInput("SAM mask inputs have shape \(masks.shape), expected [\(batch), \(size), \(size)] or [1, \(size), \(size)]")
        }
        let embedded = try (0..<masks.shape[0]).map { (i: Int) throws(ModelError) in
            let plane = try tensorOp { () throws(TensorError) in try masks.rows(i..<i + 1).reshaped([size * size, 1]) }
            return try maskEmbedding(plane, side: side)
        }
        return try tensorOp { () throws(TensorError) in try Tensor.concatenate(embedded).reshaped([masks.shape[0], side * side, width]) }
    }

    /// The sparse prompt tokens [B, S, C]: N points (plus transformers' padding point, label −1,
    /// when there is no box) followed by the two box corners; nil without points and boxes.
    func sparse(_ prompts: SAMPromptBatch) throws(ModelError) -> Tensor? {
        let batch = prompts.count
        let pointCount = try Self.checkShapes(prompts, batch: batch)
        let hasBox = prompts.boxes != nil
        let padded = prompts.points != nil && !hasBox
        let tokens = pointCount + (padded ? 1 : 0) + (hasBox ? 2 : 0)
        guard tokens > 0 else { return nil }
        let points = prompts.points?.scalars ?? [], boxes = prompts.boxes?.scalars ?? []
        let labels = prompts.labels?.scalars ?? [Float](repeating: 1, count: batch * pointCount)
        let c = width, scale = Float(inputSize)
        return Tensor(uninitialized: [batch, tokens, c]) { out in
            guard let base = out.baseAddress else { return }
            for b in 0..<batch {
                var token = base + b * tokens * c
                for n in 0..<pointCount {
                    let i = b * pointCount + n
                    embedPoint(x: points[2 * i], y: points[2 * i + 1], label: labels[i], scale: scale, into: token)
                    token += c
                }
                if padded {
                    // The padding point is added after the half-pixel shift, at (0, 0), label −1.
                    embedPoint(x: -0.5, y: -0.5, label: -1, scale: scale, into: token)
                    token += c
                }
                if hasBox {
                    for corner in 0..<2 {
                        let x = boxes[4 * b + 2 * corner], y = boxes[4 * b + 2 * corner + 1]
                        positional.encode(x: (x + 0.5) / scale, y: (y + 0.5) / scale, into: token)
                        add(pointEmbeddings[2 + corner], to: token)
                        token += c
                    }
                }
            }
        }
    }

    /// transformers' `_embed_points` for one point: label −1 → `not_a_point_embed`, −10 → zeros,
    /// 0 / 1 → the encoding plus `point_embed.0` / `.1`, any other label → the encoding alone.
    private func embedPoint(x: Float, y: Float, label: Float, scale: Float, into out: UnsafeMutablePointer<Float>) {
        if label == -1 {
            notAPoint.withUnsafeBufferPointer { e in for j in 0..<width { out[j] = e[j] } }
            return
        }
        if label == -10 {
            out.initialize(repeating: 0, count: width)
            return
        }
        positional.encode(x: (x + 0.5) / scale, y: (y + 0.5) / scale, into: out)
        if label == 0 { add(pointEmbeddings[0], to: out) }
        if label == 1 { add(pointEmbeddings[1], to: out) }
    }

    private func add(_ embedding: Tensor, to out: UnsafeMutablePointer<Float>) {
        embedding.withUnsafeBufferPointer { e in for j in 0..<width { out[j] += e[j] } }
    }

    /// Checks the prompt tensors against each other; returns N (0 without points).
    private static func checkShapes(_ prompts: SAMPromptBatch, batch: Int) throws(ModelError) -> Int {
        var pointCount = 0
        if let points = prompts.points {
            guard points.rank == 3, points.shape[2] == 2, points.shape[0] > 0 else {
                throw .invalidInput("SAM prompt points have shape \(points.shape), expected [B, N, 2] (x, y)")
            }
            pointCount = points.shape[1]
            if let labels = prompts.labels, labels.shape != [batch, pointCount] {
                throw .invalidInput("SAM prompt labels have shape \(labels.shape), expected [\(batch), \(pointCount)] like the points \(points.shape)")
            }
        } else if let labels = prompts.labels {
            throw .invalidInput("SAM prompt labels \(labels.shape) were given without points")
        }
        if let boxes = prompts.boxes {
            guard boxes.rank == 2, boxes.shape[1] == 4, boxes.shape[0] > 0 else {
                throw .invalidInput("SAM prompt boxes have shape \(boxes.shape), expected [B, 4] (x0, y0, x1, y1)")
            }
            if let points = prompts.points, points.shape[0] != boxes.shape[0] {
                throw .invalidInput("SAM prompts have \(points.shape[0]) point sets but \(boxes.shape[0]) boxes; give one box per prompt")
            }
        }
        for (name, values) in [("points", prompts.points), ("labels", prompts.labels), ("boxes", prompts.boxes)] {
            if let values, let bad = values.scalars.firstIndex(where: { !$0.isFinite }) {
                throw .invalidInput("SAM prompt \(name) hold a non-finite value (\(values[flat: bad]) at flat index \(bad))")
            }
        }
        return pointCount
    }
}
