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
            if isArgumentParserError(error) { exit(withError: error) }
            let line = ErrorReport(command: commandType).line(for: error)
            FileHandle.standardError.write(Data("reme: error: \(line)\n".utf8))
            Foundation.exit((error as? CLIFailure)?.exitCode ?? 1)
        }
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
