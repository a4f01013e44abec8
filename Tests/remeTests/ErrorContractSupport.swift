import Foundation
import Testing

/// The error contract of every command: a clear one-line message on stderr, a non-zero exit,
/// no Foundation error dump, no stack trace.
func expectCleanFailure(_ run: CLIRun, mentions fragments: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode != 0, "exit code 0; stdout: \(run.stdout)", sourceLocation: sourceLocation)
    let lines = run.stderr.split(whereSeparator: \.isNewline)
        .filter { !$0.allSatisfy(\.isWhitespace) && !$0.contains("\r") }
    #expect(lines.count == 1, "stderr is not one line: \(run.stderr)", sourceLocation: sourceLocation)
    #expect(lines.last?.hasPrefix("reme: error: ") == true, "\(run.stderr)", sourceLocation: sourceLocation)
    for banned in ["Error Domain", "NSCocoaErrorDomain", "Stack dump", "stack trace", "Fatal error"] {
        #expect(!run.stderr.contains(banned), "\(run.stderr)", sourceLocation: sourceLocation)
    }
    for fragment in fragments {
        #expect(run.stderr.contains(fragment), "expected '\(fragment)' in: \(run.stderr)", sourceLocation: sourceLocation)
    }
}

/// A usage error from the argument parser: non-zero exit, caught before any work.
func expectUsageError(_ run: CLIRun, mentions fragments: [String],
                      sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode == 64, "\(run.stderr)", sourceLocation: sourceLocation)
    #expect(!run.stderr.contains("Error Domain"), sourceLocation: sourceLocation)
    // One line, as every other error: the message and which help to read, no usage dump.
    let lines = run.stderr.split(whereSeparator: \.isNewline)
    #expect(lines.count == 1 && lines.first?.hasPrefix("reme: error: ") == true && run.stderr.contains("--help`)"),
            "\(run.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(run.stderr.contains(fragment), "expected '\(fragment)' in: \(run.stderr)", sourceLocation: sourceLocation)
    }
}

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
