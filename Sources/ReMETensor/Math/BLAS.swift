import CBLAS
import Foundation
import Synchronization

/// Thin wrappers over OpenBLAS.
public enum BLAS {
    /// The kernel family OpenBLAS selected at load time (for example "Haswell" or "SkylakeX").
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }

    /// The number of cores matrix products may use (OpenBLAS's start-up count until set).
    public static func setThreadCount(_ n: Int) {
        threads.configured.store(max(1, n), ordering: .relaxed)
        if !splitsOverCores { openblas_set_num_threads(Int32(max(1, n))) }
    }

    public static var threadCount: Int { threads.configured.load(ordering: .relaxed) }

    /// Runs `body` with single-threaded BLAS calls, for callers that spread independent small
    /// products over their own threads. With `splitsOverCores` (the default) OpenBLAS never
    /// runs threads of its own and `sgemm` does not split inside `ParallelChunks` work, so
    /// this changes nothing; otherwise it lowers OpenBLAS's thread count for the duration.
    public static func withSingleThreadedCalls<R>(_ body: () throws -> R) rethrows -> R {
        guard !splitsOverCores else { return try body() }
        let previous = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(Int32(previous)) }
        return try body()
    }

    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, row-major, with leading dimensions.
    @inline(__always)
    public static func sgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched for k = 0 only when beta = 1; make the result defined.
            for i in 0..<m {
                let row = c + i * ldc
                for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
            }
            return
        }
        let parts = splitCount(m: m, n: n, k: k)
        guard parts > 1 else {
            callSgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                      b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        // One single-threaded product per core on its own block of C: on this project's
        // 2-core machines Debian's OpenBLAS 0.3.21 is 5–20 % faster this way on ViT-sized
        // products than with its own threads, and no BLAS worker is left spinning (sched_yield)
        // against the element-wise loops that run between products.
        let splitColumns = n >= parts * splitAlignment
        let extent = splitColumns ? n : m
        let step = (extent / parts + splitAlignment - 1) / splitAlignment * splitAlignment
        ParallelChunks.forEach(parts, minimumChunk: 1) { range in
            for part in range {
                let lo = part * step, hi = min(extent, lo + step)
                guard lo < hi else { continue }
                if splitColumns {
                    callSgemm(transA: transA, transB: transB, m: m, n: hi - lo, k: k, alpha: alpha,
                              a: a, lda: lda, b: transB ? b + lo * ldb : b + lo, ldb: ldb,
                              beta: beta, c: c + lo, ldc: ldc)
                } else {
                    callSgemm(transA: transA, transB: transB, m: hi - lo, n: n, k: k, alpha: alpha,
                              a: transA ? a + lo : a + lo * lda, lda: lda, b: b, ldb: ldb,
                              beta: beta, c: c + lo * ldc, ldc: ldc)
                }
            }
        }
    }

    /// Whether products are split over the cores by `sgemm` itself (see `splitCount`), with
    /// OpenBLAS held at one thread; `REME_BLAS_SPLIT=0` at start-up leaves threading to
    /// OpenBLAS instead, for comparisons.
    public static let splitsOverCores = ProcessInfo.processInfo.environment["REME_BLAS_SPLIT"] != "0"

    private static let threads = ThreadSetting()

    /// The configured core count, kept here rather than in OpenBLAS, which stays at one thread
    /// when `sgemm` splits products itself (so no setting is ever toggled under other threads).
    private final class ThreadSetting: Sendable {
        let configured: Atomic<Int>

        init() {
            configured = Atomic(Int(openblas_get_num_threads()))
            if BLAS.splitsOverCores { openblas_set_num_threads(1) }
        }
    }

    /// Multiply-adds below which a product stays one call (thread start-up would dominate).
    static let splitMinimumWork = 1 << 21
    /// Block edges on multiples of the widest OpenBLAS x86 sgemm micro-kernel dimension.
    static let splitAlignment = 16

    /// How many blocks `sgemm` splits a product into: the configured BLAS thread count when
    /// splitting is on, the product is large enough and one side has room for a block per core.
    static func splitCount(m: Int, n: Int, k: Int) -> Int {
        let threads = min(threadCount, ParallelChunks.workers)  // first: sets OpenBLAS up
        guard splitsOverCores, !ParallelChunks.isInsideWorker else { return 1 }
        guard threads > 1, Double(m) * Double(n) * Double(k) >= Double(splitMinimumWork),
              max(m, n) >= threads * splitAlignment else { return 1 }
        return threads
    }

    @inline(__always)
    private static func callSgemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor,
                    transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
