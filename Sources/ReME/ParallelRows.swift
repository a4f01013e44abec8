import Dispatch

/// A pointer handed to worker threads that write disjoint parts of its memory.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

enum ParallelRows {
    /// Calls `body` on contiguous slices of `0..<count`, on up to `threads` threads.
    static func run(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = count * w / workers, hi = count * (w + 1) / workers
            if hi > lo { body(lo..<hi) }
        }
    }
}
