import ArgumentParser

/// Every subcommand of the command-line contract that exists so far, in contract order.
/// Developer tools (benchmarks, raw Felzenszwalb) live in `reme-bench`.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        EncodeImageCommand.self,
        EncodeTextCommand.self,
        SuperpixelsCommand.self,
        PhrasesCommand.self,
        ModelsCommand.self,
        CaptionCommand.self,
        BuildCommand.self,
        RefsetCommand.self,
        SegmentCommand.self,
        MasksCommand.self,
        EvalCommand.self,
        DatasetsCommand.self,
        ServeCommand.self,
    ]
}
