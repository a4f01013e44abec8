import ArgumentParser
import Foundation
import ReMEImage
import ReMEModels
import ReMETensor

/// `reme encode-image`: runs a CLIP or DINOv2 image tower and writes its outputs.
struct EncodeImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode-image",
        abstract: "Encode images with a CLIP or DINOv2 image tower.",
        discussion: """
            Writes last_hidden_state [B, T, D], pooler_output [B, D] and, for CLIP, image_embeds \
            [B, P] (projected, not normalised) to a safetensors file. Images are preprocessed as \
            the folder's preprocessor_config.json says; --pixels takes already-normalised \
            pixel_values [B, 3, H, W] instead.
            """)

    @Option(help: "Model folder or Hugging Face id in the local cache.")
    var model: String

    @Argument(help: "Image files (JPEG or PNG).")
    var images: [String] = []

    @Option(help: "A safetensors file holding pixel_values [B, 3, H, W], already normalised.")
    var pixels: String?

    @Option(help: "Dense mode: no crop, short side resized to N rounded to a multiple of the patch size.")
    var shortSide: Int?

    @Option(help: "Images per forward pass.")
    var batchSize: Int = 8

    @Option(help: "Output safetensors file.")
    var output: String

    func validate() throws {
        if images.isEmpty == (pixels == nil) {
            throw ValidationError("give either image files or --pixels FILE, not both or neither")
        }
        if pixels != nil, shortSide != nil { throw ValidationError("--short-side applies to image files, not --pixels") }
        if let shortSide, shortSide <= 0 { throw ValidationError("--short-side must be positive") }
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive") }
    }

    func run() throws {
        let folder = try ModelFolder.resolve(model)
        let encoder = try ImageTowerRegistry.standard.load(folder)
        let input = try pixels.map(Self.readPixels) ?? (try preprocess(folder: folder, encoder: encoder))
        let out = try encoder.encode(input, batchSize: batchSize)
        var writer = SafetensorsWriter(metadata: ["model": folder.url.path, "model_type": try folder.modelType()])
        try writer.add("last_hidden_state", out.lastHiddenState)
        try writer.add("pooler_output", out.poolerOutput)
        if let embeds = out.imageEmbeds { try writer.add("image_embeds", embeds) }
        try writer.write(to: output)
    }

    static func readPixels(_ path: String) throws -> Tensor {
        let file = try SafetensorsFile(path: path)
        guard file.contains("pixel_values") else {
            throw CLIFailure(message: "\(path) has no tensor 'pixel_values' (expected [B, 3, H, W])")
        }
        let t = try file.tensor("pixel_values")
        guard t.rank == 4 else {
            throw CLIFailure(message: "\(path): pixel_values has shape \(t.shape), expected [B, 3, H, W]")
        }
        return t
    }

    private func preprocess(folder: ModelFolder, encoder: any ImageTower) throws -> Tensor {
        let pre = try ImagePreprocessor.load(folder)
        var batch = [Tensor]()
        for path in images {
            let image = try PixelImage(contentsOfFile: path)
            let chw = try shortSide.map { try pre.dense(image, shortSide: $0, patch: encoder.patchSize) } ?? pre(image)
            if let first = batch.first, Array(first.shape.dropFirst()) != chw.shape {
                throw CLIFailure(message: "\(path) preprocesses to \(chw.shape) but \(images[0]) to \(Array(first.shape.dropFirst())); "
                                 + "with --short-side, encode images of different aspect ratios separately")
            }
            batch.append(try chw.reshaped([1] + chw.shape))
        }
        return try Tensor.concatenate(batch)
    }
}
