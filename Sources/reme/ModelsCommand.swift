import ArgumentParser
import Foundation
import ReME

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Get model checkpoints into the local Hugging Face cache.",
        subcommands: [ModelsFetchCommand.self]
    )
}

struct ModelsFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a model's config, tokenizer and safetensors weights from the Hugging Face hub.",
        discussion: """
            Files go into the Hugging Face cache layout ($HF_HUB_CACHE, else $HF_HOME/hub, else \
            ~/.cache/huggingface/hub), so Python tools share them and every reme command can name \
            the model by its id. Interrupted downloads resume; sizes and LFS sha256 digests are \
            checked. HF_ENDPOINT selects another hub (a mirror), HF_TOKEN authenticates for gated \
            models. Only safetensors weights are fetched.
            Examples:
              reme models fetch openai/clip-vit-base-patch16
              reme models fetch facebook/dinov2-large
            """
    )

    @Argument(help: "Model id, ORG/NAME.") var model: String
    @Option(help: "Branch, tag or commit.") var revision = "main"

    func run() async throws {
        let repo = try HubRepositoryID(model)
        let downloader = HubDownloader()
        let progress = ProgressLine("fetch \(repo)", unit: .bytes)
        let snapshot = try await downloader.fetch(repo, revision: revision) { p in
            progress.update(p.bytesDone, of: p.bytesTotal, note: "\(p.fileIndex + 1)/\(p.fileCount) \(p.file)",
                            force: p.bytesDone == p.bytesTotal)
        }
        progress.finish()
        print(snapshot.path)
    }
}
