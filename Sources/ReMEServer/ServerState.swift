import Foundation
import ServiceLifecycle

/// Whether the server is draining for shutdown (then /readyz answers 503).
final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false

    var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    func markStopping() {
        lock.lock()
        stopping = true
        lock.unlock()
    }
}

/// A service that flips `ServerState` when graceful shutdown begins.
struct ShutdownWatcher: Service {
    let state: ServerState

    func run() async throws {
        try? await gracefulShutdown()
        state.markStopping()
    }
}
