import ArgumentParser
import Foundation
import ReMEModels
import ReMETensor

/// `reme encode-text`: tokenizes texts and runs CLIP's text tower.
struct EncodeTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode-text",
        abstract: "Encode texts with a CLIP text tower.",
        discussion: """
            Writes input_ids [B, 77] (I64, padded with the pad token; longer texts are truncated \
            as transformers does) and text_embeds [B, P] (projected, not normalised).
            """)

    @Option(help: "Model folder or Hugging Face id in the local cache.")
    var model: String

    @Argument(help: "Texts to encode.")
    var texts: [String]

    @Option(help: "Output safetensors file.")
    var output: String

    func validate() throws {
        if texts.isEmpty { throw ValidationError("give at least one text") }
    }

    func run() throws {
        let folder = try ModelFolder.resolve(model)
        let encoder = try CLIPTextEncoder.load(folder)
        let (ids, out) = try encoder.encode(texts)
        guard let embeds = out.textEmbeds else {
            throw CLIFailure(message: "\(folder.url.path) has no text_projection, so it cannot produce text_embeds")
        }
        var writer = SafetensorsWriter(metadata: ["model": folder.url.path, "model_type": try folder.modelType()])
        try writer.add("input_ids", int64s: ids.flatMap { $0.map(Int64.init) }, shape: [ids.count, ids.first?.count ?? 0])
        try writer.add("text_embeds", embeds)
        try writer.write(to: output)
    }
}
