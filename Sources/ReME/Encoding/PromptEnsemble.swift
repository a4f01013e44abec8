import ReMETensor

/// Label embeddings with a prompt ensemble: each label is put into every template, the
/// normalised text embeddings of the templates are averaged, and the mean is L2-normalised
/// again (CLIP's zero-shot recipe; docs/specification.md, Part 1 step 8).
public struct PromptEnsemble: Sendable, Equatable {
    /// Templates with `{}` where the label goes.
    public var templates: [String]
    /// Texts per text-encoder call.
    public var batchSize: Int

    public static let reme = PromptEnsemble(templates: [
        "a photo of {}", "this is a photo of {}", "there is {} in the scene", "a photo of {} in the scene",
    ])

    public init(templates: [String], batchSize: Int = 256) {
        self.templates = templates
        self.batchSize = batchSize
    }

    /// `[labels.count, d]` L2-normalised embeddings.
    public func embed(_ labels: [String], with encoder: some TextEncoder) throws -> Tensor {
        guard !templates.isEmpty, batchSize > 0 else {
            throw MethodError.invalidParameter(name: "prompt templates", value: "\(templates.count)", expected: "at least one template")
        }
        let d = encoder.embeddingDimension
        var out = Tensor(zeros: [labels.count, d])
        let t = templates.count
        let labelsPerBatch = max(1, batchSize / t)
        var start = 0
        while start < labels.count {
            let end = min(labels.count, start + labelsPerBatch)
            var texts: [String] = []
            texts.reserveCapacity((end - start) * t)
            for label in labels[start..<end] {
                for template in templates { texts.append(template.replacingOccurrences(of: "{}", with: label)) }
            }
            let e = try encoder.encodeTexts(texts).l2NormalizedRows()
            guard e.shape == [texts.count, d] else {
                throw MethodError.encoderOutput(encoder: "text encoder", expected: "[\(texts.count), \(d)]", found: e.shape)
            }
            out.withUnsafeMutableBufferPointer { o in
                e.withUnsafeBufferPointer { src in
                    for l in 0..<(end - start) {
                        let dst = o.baseAddress! + (start + l) * d
                        for k in 0..<t {
                            let row = src.baseAddress! + (l * t + k) * d
                            for j in 0..<d { dst[j] += row[j] }
                        }
                    }
                }
            }
            start = end
        }
        return out.l2NormalizedRows()
    }
}
