import ArgumentParser

/// Every subcommand of the command-line contract that exists so far, in contract order.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        EncodeImageCommand.self,
        EncodeTextCommand.self,
        ModelsCommand.self,
        BenchEncoderCommand.self,
    ]
}
