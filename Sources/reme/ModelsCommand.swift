import ArgumentParser
import Foundation
import ReMEModels

/// `reme models …`: manage models in the local Hugging Face cache.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "Manage models in the local Hugging Face cache.",
        subcommands: [ModelsFetchCommand.self])
}

/// `reme models fetch ORG/NAME`: downloads the files a model folder needs into the cache.
struct ModelsFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a model from the Hugging Face hub into the local cache.",
        discussion: """
            Fetches config, tokenizer, preprocessor and safetensors files (not PyTorch/TF/Flax \
            weights) into $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub, in the layout \
            the hub's own tools use. Interrupted downloads resume; weights are checked against \
            the hub's SHA-256. HF_TOKEN is sent when set; HF_ENDPOINT overrides the hub URL.
            """)

    @Argument(help: "Model id, e.g. openai/clip-vit-base-patch16.")
    var model: String

    @Option(help: "Branch, tag or commit.")
    var revision: String = "main"

    func run() throws {
        let folder = try HubFetcher().fetch(model, revision: revision) { file, done, total in
            let size = total.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "\(done) bytes"
            FileHandle.standardError.write(Data("fetched \(file) (\(size))\n".utf8))
        }
        print(folder.url.path)
    }
}
