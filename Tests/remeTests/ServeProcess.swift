import Foundation

/// `reme serve …` as a child process on an ephemeral port: started, its port read from the
/// "listening on" line, stopped with a signal.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private(set) var port = 0

    var base: String { "http://127.0.0.1:\(port)" }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: output, as: UTF8.self) }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errors, as: UTF8.self) }

    init(_ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 120) throws {
        process.executableURL = try CLI.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock(); self.output.append(data); self.lock.unlock()
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock(); self.errors.append(data); self.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            if let range = stdout.range(of: "listening on http://"), let space = stdout[range.upperBound...].firstIndex(of: " "),
               let colon = stdout[range.upperBound..<space].lastIndex(of: ":"),
               let p = Int(stdout[stdout.index(after: colon)..<space]) {
                port = p
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop(signal: SIGKILL)
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "reme serve did not start: \(stderr)"])
    }

    /// Sends `signal` and waits for the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)
        return process.terminationStatus
    }
}
