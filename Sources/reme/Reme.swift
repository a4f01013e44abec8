import ArgumentParser
import Foundation
import ReME

@main
struct Reme: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reme",
        abstract: "Open-vocabulary image segmentation without training (ReME, ICCV 2025).",
        discussion: """
            Build a reference set of segment–text pairs from unlabeled images, then segment \
            new images for any list of class names by similarity retrieval against it.
            """,
        version: remeVersion,
        subcommands: CommandRegistry.all
    )

    /// Runs the command line, printing every error as one line on stderr.
    static func main() async {
        HeapAllocation.reuseLargeBlocks()
        var commandType: (any ParsableCommand.Type)?
        do {
            var command = try parseAsRoot()
            commandType = type(of: command)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if error is CleanExit || error is ExitCode || Self.exitCode(for: error) == .success { exit(withError: error) }
            if isArgumentParserError(error) {
                FileHandle.standardError.write(Data("reme: error: \(Self.usageLine(for: error))\n".utf8))
                Foundation.exit(Self.exitCode(for: error).rawValue)
            }
            let line = ErrorReport(command: commandType).line(for: error)
            FileHandle.standardError.write(Data("reme: error: \(line)\n".utf8))
            Foundation.exit((error as? CLIFailure)?.exitCode ?? 1)
        }
    }

    /// A usage error as one line: the parser's message with its value list folded in, and
    /// which help to read (the subcommand's, when the arguments name one).
    static func usageLine(for error: Error) -> String {
        var parts: [String] = []
        var choices: [String] = []
        for line in message(for: error).split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- ") { choices.append(String(text.dropFirst(2))) } else if !text.isEmpty { parts.append(text) }
        }
        var text = parts.joined(separator: " ")
        if !choices.isEmpty { text += " " + choices.joined(separator: ", ") }
        let names = Set(CommandRegistry.all.compactMap { $0.configuration.commandName })
        let command = CommandLine.arguments.dropFirst().first { names.contains($0) }
        return text + " (see `reme \(command.map { "\($0) " } ?? "")--help`)"
    }

    private static func isArgumentParserError(_ error: Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser")
    }
}

/// A failure already phrased for the user.
struct CLIFailure: Error {
    var message: String
    var exitCode: Int32 = 1
}
