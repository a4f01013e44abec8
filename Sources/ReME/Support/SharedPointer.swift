/// A pointer handed to worker threads (`ParallelChunks.forEach`) that write disjoint parts of
/// its memory.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
