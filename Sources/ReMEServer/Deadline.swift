import Foundation

/// Runs `operation` with a time limit: past `seconds` the caller gets `ServeError.timeout` at once
/// and the operation is cancelled (a queued inference leaves the queue; a running one finishes on
/// its worker and its result is dropped), so a slow request never hangs its client.
func withDeadline<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = FirstOutcome<T>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.install(continuation)
        let work = Task {
            do { outcome.resolve(.success(try await operation())) } catch { outcome.resolve(.failure(error)) }
        }
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
            if !Task.isCancelled, outcome.resolve(.failure(ServeError.timeout(seconds: seconds))) { work.cancel() }
        }
        outcome.onResolve { timer.cancel() }
    }
}

/// The first of several racing results, delivered once.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var done = false
    private var cleanup: (@Sendable () -> Void)?

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func onResolve(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        if done { lock.unlock(); action(); return }
        cleanup = action
        lock.unlock()
    }

    /// True when this result was the first.
    @discardableResult
    func resolve(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        guard !done, let continuation else { lock.unlock(); return false }
        done = true
        self.continuation = nil
        let action = cleanup
        lock.unlock()
        continuation.resume(with: result)
        action?()
        return true
    }
}
