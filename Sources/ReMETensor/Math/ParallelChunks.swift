import Dispatch
import Foundation

/// Splits work (matrix-product column blocks, softmax rows, activations) over the cores on
/// Dispatch's pool, whose idle threads park instead of spinning like BLAS worker threads.
public enum ParallelChunks {
    public static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint ranges covering `0..<count`; in parallel when there are at
    /// least `minimumChunk` items per worker, on at most `maximumWorkers` threads (default: one
    /// per core; a caller's explicit thread setting may ask for more or fewer).
    public static func forEach(_ count: Int, minimumChunk: Int = 1 << 14, maximumWorkers: Int? = nil,
                               _ body: (Range<Int>) -> Void) {
        let limit = max(1, maximumWorkers ?? workers)
        let chunks = isInsideWorker ? 1 : min(limit, max(1, count / max(1, minimumChunk)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let step = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            // The chunks are disjoint, so the callers' raw pointers are never shared between them.
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let lo = i * step, hi = min(count, lo + step)
                guard lo < hi else { return }
                let outer = pthread_getspecific(workerKey)
                pthread_setspecific(workerKey, UnsafeRawPointer(bitPattern: 1))
                defer { pthread_setspecific(workerKey, outer) }
                work.value(lo..<hi)
            }
        }
    }
}

extension ParallelChunks {
    /// Whether the current thread is running a chunk of `forEach`: nested `forEach` calls (and
    /// `BLAS.sgemm`'s split) then run serially instead of oversubscribing the cores.
    public static var isInsideWorker: Bool { pthread_getspecific(workerKey) != nil }
}

/// Thread-specific marker of `ParallelChunks` workers (any non-nil value means inside).
private let workerKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
