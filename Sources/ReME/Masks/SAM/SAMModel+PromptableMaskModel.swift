import ReMETensor
import ReMEModels

/// The native SAM model behind the `PromptableMaskModel` seam: prompts become `SAMPromptBatch`
/// tensors (every prompt of a batch must have the same number of points).
extension SAMModel: PromptableMaskModel {
    public func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool) throws -> DecodedMasks {
        let prediction = try decodeMasks(imageEmbeddings: imageEmbeddings, prompts: try Self.batch(prompts),
                                         multimaskOutput: multimaskOutput)
        return DecodedMasks(lowResolutionMasks: prediction.lowResolutionMasks, iouScores: prediction.iouScores)
    }

    public func decodeMasks(imageEmbeddings: Tensor, prompts: MaskPrompts, multimaskOutput: Bool,
                            skippingMasksAtOrBelowIoU threshold: Float) throws -> DecodedMasks {
        let prediction = try decodeMasks(imageEmbeddings: imageEmbeddings, prompts: try Self.batch(prompts),
                                         multimaskOutput: multimaskOutput, skippingMasksAtOrBelowIoU: threshold)
        return DecodedMasks(lowResolutionMasks: prediction.lowResolutionMasks, iouScores: prediction.iouScores)
    }

    static func batch(_ prompts: MaskPrompts) throws(MethodError) -> SAMPromptBatch {
        var batch = SAMPromptBatch()
        do {
            if let points = prompts.points {
                let n = points.first?.count ?? 0
                guard points.allSatisfy({ $0.count == n }), n > 0 else {
                    throw MethodError.invalidParameter(name: "SAM points", value: "\(points.map(\.count)) per prompt",
                                                       expected: "the same positive number of points in every prompt")
                }
                batch.points = try Tensor(shape: [points.count, n, 2], data: points.flatMap { $0.flatMap { [$0.x, $0.y] } })
                if let labels = prompts.labels {
                    guard labels.count == points.count, labels.allSatisfy({ $0.count == n }) else {
                        throw MethodError.invalidParameter(name: "SAM labels", value: "\(labels.map(\.count))",
                                                           expected: "one label per point")
                    }
                    batch.labels = try Tensor(shape: [points.count, n], data: labels.flatMap { $0.map(Float.init) })
                }
            }
            if let boxes = prompts.boxes {
                guard boxes.allSatisfy({ $0.count == 4 }) else {
                    throw MethodError.invalidParameter(name: "SAM boxes", value: "\(boxes)", expected: "[x0, y0, x1, y1] each")
                }
                batch.boxes = try Tensor(shape: [boxes.count, 4], data: boxes.flatMap { $0 })
            }
        } catch let error as MethodError {
            throw error
        } catch {
            throw MethodError.invalidParameter(name: "SAM prompts", value: "\(error)", expected: "a rectangular batch")
        }
        return batch
    }
}
