import Foundation

/// A bounded inference pool: `workers` jobs run at once on their own threads (inference is
/// CPU-bound and must not block Swift's cooperative threads), at most `queueLimit` wait in
/// arrival order, and a request beyond that is refused at once with 503 `overloaded`.
/// A waiting request that is cancelled (its deadline passed) leaves the queue.
public final class WorkerPool: @unchecked Sendable {
    public let workers: Int
    public let queueLimit: Int
    private let lock = NSLock()
    private var running = 0
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0
    private let jobQueue = DispatchQueue(label: "reme.serve.inference", attributes: .concurrent)
    /// Seconds of the last completed inference (for Retry-After).
    private var lastJobSeconds = 1.0

    public init(workers: Int, queueLimit: Int) {
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
    }

    /// Jobs running and waiting now.
    public var load: (running: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (running, waiting.count)
    }

    /// Runs `job` on a worker thread once a slot is free.
    public func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
        try await acquire()
        let start = Date()
        defer { release(seconds: Date().timeIntervalSince(start)) }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            jobQueue.async {
                do { continuation.resume(returning: try job()) } catch { continuation.resume(throwing: error) }
            }
        }
    }

    private func acquire() async throws {
        let id = lock.withLock { () -> UInt64 in
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                defer { lock.unlock() }
                if Task.isCancelled {  // the flag is set before onCancel runs, so no cancel is missed
                    continuation.resume(throwing: CancellationError())
                } else if running < workers {
                    running += 1
                    continuation.resume()
                } else if waiting.count < queueLimit {
                    waiting.append((id, continuation))
                } else {
                    let estimate = lastJobSeconds * Double(waiting.count + running) / Double(workers)
                    continuation.resume(throwing: ServeError.overloaded(retryAfter: max(1, Int(estimate.rounded(.up)))))
                }
            }
        } onCancel: {
            lock.lock()
            defer { lock.unlock() }
            if let i = waiting.firstIndex(where: { $0.id == id }) {
                waiting.remove(at: i).continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Hands the slot to the first waiting request, or frees it.
    private func release(seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        lastJobSeconds = seconds
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().continuation.resume() }
    }
}
