import ArgumentParser

/// Every subcommand of the command-line contract that exists so far, in contract order,
/// then the hidden developer tools.
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
        EvalCommand.self,
        FelzenszwalbRawCommand.self,  // hidden
        BenchMethodCommand.self,  // hidden
        BenchEncoderCommand.self,  // hidden
    ]
}
