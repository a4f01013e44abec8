import Foundation
import ReMETensor

/// Segment Anything (transformers' `SamModel`), loaded from the folders `SamModel.save_pretrained`
/// writes (`facebook/sam-vit-base`, `-large`, `-huge`): the image encoder turns SamImageProcessor's
/// `pixel_values` into an image embedding once per image, and the prompt encoder and mask decoder
/// turn batches of point and box prompts into low-resolution mask logits and IoU scores.
public struct SAMModel: Sendable {
    public let config: SAMConfig
    let encoder: SAMImageEncoder
    let prompts: SAMPromptEncoder
    let decoder: SAMMaskDecoder

    /// Reads every weight through `weights`, checking names and shapes; call `finish()` on the
    /// loader afterwards to refuse checkpoints with tensors this model does not use.
    public init(config: SAMConfig, weights w: WeightLoader) throws(ModelError) {
        self.config = config
        encoder = try SAMImageEncoder(w, config: config.vision)
        prompts = try SAMPromptEncoder(w, config: config)
        let positions = prompts.positional.grid(size: config.promptEncoder.imageEmbeddingSize)
        decoder = try SAMMaskDecoder(w, config: config.maskDecoder, imagePositions: positions)
    }

    /// The SAM model of a folder (`config.json` with `model_type` "sam", `model.safetensors` or
    /// shards, F32 / F16 / BF16). A missing, mis-shaped or unused tensor is an error, and so is a
    /// folder of another kind of model (CLIP, DINOv2), named as such.
    public static func load(_ folder: ModelFolder) throws(ModelError) -> SAMModel {
        let config = try SAMConfig.parse(try folder.data("config.json"), file: folder.file("config.json").path)
        let loader = WeightLoader(try folder.weights())
        let model = try SAMModel(config: config, weights: loader)
        try loader.finish()
        return model
    }

    /// `load` for a folder URL.
    public static func load(_ url: URL) throws(ModelError) -> SAMModel { try load(ModelFolder(url: url)) }

    /// Side of the image embedding grid (64).
    public var embeddingSize: Int { config.vision.gridSize }

    /// `pixelValues` [3, 1024, 1024] (SamImageProcessor's output for one image; [1, 3, 1024, 1024]
    /// is accepted too) → the image embedding [C, 64, 64] (C = 256 for the published checkpoints).
    public func imageEmbeddings(pixelValues: Tensor) throws -> Tensor {
        let v = config.vision, size = v.imageSize
        let batched: Tensor
        switch pixelValues.shape {
        case [v.numChannels, size, size]: batched = try pixelValues.reshaped([1, v.numChannels, size, size])
        case [1, v.numChannels, size, size]: batched = pixelValues
        default:
            throw ModelError.invalidInput("SAM pixel_values have shape \(pixelValues.shape), expected [\(v.numChannels), \(size), \(size)] (SamImageProcessor's padded output)")
        }
        let tokens = try encoder(batched)
        let side = v.gridSize
        return try tokens.transposedLastTwo().reshaped([v.outputChannels, side, side])
    }

    /// Masks for a batch of prompts on one image: `imageEmbeddings` [C, 64, 64] (from
    /// `imageEmbeddings(pixelValues:)`; [1, C, 64, 64] is accepted too). With `multimaskOutput`
    /// the three multimask outputs (mask tokens 1…3), else the single-mask output (token 0), as
    /// transformers selects them.
    ///
    /// With `skippingMasksAtOrBelowIoU` (the automatic generator's predicted-IoU threshold), a
    /// prompt whose every output scores at or below it is not upscaled: its masks are left 0 and
    /// its IoU scores say so. The upscaling is a third of the decoder's work, and the generator
    /// drops such masks before reading a pixel, so its output is unchanged.
    public func decodeMasks(imageEmbeddings: Tensor, prompts batch: SAMPromptBatch, multimaskOutput: Bool,
                            skippingMasksAtOrBelowIoU threshold: Float? = nil) throws -> SAMMaskPrediction {
        let c = config.maskDecoder.hiddenSize, side = config.promptEncoder.imageEmbeddingSize
        guard imageEmbeddings.shape == [c, side, side] || imageEmbeddings.shape == [1, c, side, side] else {
            throw ModelError.invalidInput("SAM image embeddings have shape \(imageEmbeddings.shape), expected [\(c), \(side), \(side)]")
        }
        let sparse = try prompts.sparse(batch)
        let embedded = try imageEmbeddings.reshaped([c, side * side]).transposedLastTwo()
        let image: Tensor
        if let dense = try prompts.dense(batch, side: side) {
            image = SAMTwoWayLayer.adding(embedded, to: dense)
        } else {
            var plain = embedded
            plain.addResidual(Self.repeated(prompts.noMask, rows: side * side))
            image = try plain.reshaped([1, side * side, c])
        }
        return try decoder(image: image, side: side, sparse: sparse, batch: batch.count, multimask: multimaskOutput,
                           skippingAtOrBelow: threshold)
    }

    /// `row` [C] repeated into [rows, C].
    static func repeated(_ row: Tensor, rows: Int) -> Tensor {
        row.withUnsafeBufferPointer { r in
            Tensor(uninitialized: [rows, r.count]) { out in
                guard let src = r.baseAddress, let dst = out.baseAddress else { return }
                for i in 0..<rows { (dst + i * r.count).initialize(from: src, count: r.count) }
            }
        }
    }
}
