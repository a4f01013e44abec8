import ArgumentParser

/// Which checkpoints to load: a Hugging Face folder or a model id in the local hub cache.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("CLIP model (folder or hub id) for text and masked-crop embeddings.", valueName: "MODEL"))
    var clip = "openai/clip-vit-base-patch16"

    @Option(help: ArgumentHelp("Visual-feature model (DINOv2 or CLIP; folder or hub id) for segment features.",
                               valueName: "MODEL"))
    var visual = "facebook/dinov2-large"

    @Option(help: "Short side (pixels) of the image given to the visual model; rounded to patch multiples.")
    var denseShortSide = 448

    func validate() throws {
        guard denseShortSide >= 14 && denseShortSide <= 4096 else {
            throw ValidationError("--dense-short-side must be between 14 and 4096")
        }
    }
}
