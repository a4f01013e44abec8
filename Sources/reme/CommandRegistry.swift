import ArgumentParser

/// Every subcommand of the command-line contract that exists so far, in contract order.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        EncodeImageCommand.self,
        EncodeTextCommand.self,
        PhrasesCommand.self,
        ModelsCommand.self,
        CaptionCommand.self,
        BuildCommand.self,
        RefsetCommand.self,
        SegmentCommand.self,
        EvalCommand.self,
        FelzenszwalbRawCommand.self,
        BenchMethodCommand.self,  // hidden
    ]
}
