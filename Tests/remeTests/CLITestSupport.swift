import Foundation

/// Runs the built `reme` executable and captures its output.
struct CLIRun {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The `reme` binary next to the test bundle (SwiftPM puts products in one folder).
    static var executable: URL {
        get throws {
            var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("reme")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "reme executable near \(CommandLine.arguments[0])"])
        }
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> CLIRun {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CLI {
    /// Starts `reme` with `arguments` and SIGKILLs it once `progress()` reaches `count` (or the
    /// process ends, or `timeout` passes): a crash in the middle of a long run.
    static func runAndKill(_ arguments: [String], when progress: () -> Int, reaches count: Int,
                           timeout: TimeInterval = 240) throws {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while progress() < count && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
