import Foundation

/// `scripts/browser_check.py` (Debian's python3, standard library only) as a child process: it
/// drives a real headless Firefox or Chromium through the page of a running `reme serve` and
/// prints a JSON summary (docs/serve.md, "Tests").
enum BrowserCheck {
    static let python = ["/usr/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let browsers = ["firefox": ["/usr/bin/firefox-esr", "/usr/bin/firefox"],
                           "chromium": ["/usr/bin/chromium", "/usr/bin/chromium-browser"]]
    static var script: String { ServeFixtures.repositoryRoot.appendingPathComponent("scripts/browser_check.py").path }

    /// The installed binary of `browser`, nil when there is none.
    static func executable(_ browser: String) -> String? {
        browsers[browser, default: []].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        /// nil when stdout is not the summary (the message is in `stderr`).
        var summary: BrowserCheckSummary?
    }

    /// Runs the script to the end; past `timeout` seconds it is sent SIGTERM (it then stops its
    /// browser and removes the profile itself), SIGKILL 15 s later.
    static func run(python: String, arguments: [String], folder: String, timeout: TimeInterval) async throws -> Run {
        let out = folder + "/browser-check.out", err = folder + "/browser-check.err"
        try Data().write(to: URL(fileURLWithPath: out))
        try Data().write(to: URL(fileURLWithPath: err))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--timeout", String(Int(timeout) - 5)] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        let started = Date()
        try process.run()
        for (limit, signal) in [(timeout, SIGTERM), (timeout + 15, SIGKILL)] {
            while process.isRunning && Date().timeIntervalSince(started) < limit { try await Task.sleep(nanoseconds: 100_000_000) }
            if process.isRunning { kill(process.processIdentifier, signal) }
        }
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        let summary = try? JSONDecoder().decode(BrowserCheckSummary.self, from: Data(stdout.utf8))
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr, seconds: Date().timeIntervalSince(started),
                   summary: summary)
    }
}
