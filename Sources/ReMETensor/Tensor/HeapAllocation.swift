import CKernels

/// How a process running the models should allocate large tensors.
///
/// glibc serves every block above its mmap threshold (32 MB at most by default) with a fresh
/// `mmap` and returns it with `munmap` on free, so a loop that makes and drops such tensors —
/// SAM's decoder holds 64 MB of per-prompt image embeddings per chunk of 16 prompts, a few times
/// per chunk, 64 chunks per image — pays page faults and kernel zeroing on every write of every
/// new block: a third of SAM's decoding time on 2 cores. Keeping large blocks in the heap, and
/// not trimming it, lets freed blocks be reused. Peak memory is unchanged (the same blocks are
/// live at the peak); freed memory stays with the process until it exits.
///
/// That holds only in glibc's main arena: a thread other than the main one allocates from an
/// arena of its own, whose heaps are at most 64 MB, so any larger block there is again a fresh
/// `mmap` whatever the threshold. `reme serve` runs inference on worker threads, and with
/// full-size models each request paid ~5 700 page faults (10 % of its time) that `reme segment`,
/// on the main thread, did not. So every thread allocates from the main arena. Small blocks
/// mostly come from glibc's per-thread caches, without the arena's lock.
public enum HeapAllocation {
    /// Call once at process start, before any threads allocate: the command-line tools do.
    public static func reuseLargeBlocks() {
        reme_reuse_large_heap_blocks()
    }
}
