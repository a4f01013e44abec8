import Dispatch
import Foundation

/// Splits element-wise work (softmax rows, activations) over the cores: BLAS already runs the
/// matrix products multi-threaded, and these loops would otherwise leave all but one core idle.
enum ParallelChunks {
    static let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint ranges covering `0..<count`; in parallel when there are at
    /// least `minimumChunk` items per worker.
    static func forEach(_ count: Int, minimumChunk: Int = 1 << 14, _ body: (Range<Int>) -> Void) {
        let chunks = min(workers, max(1, count / max(1, minimumChunk)))
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
                if lo < hi { work.value(lo..<hi) }
            }
        }
    }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
