import Foundation

/// Overall progress of `reme eval --all`: images done over all benchmarks, rate and ETA, and
/// how many images were computed and resumed.
struct SuiteProgress: Sendable {
    let imageCounts: [Int]
    private let start = Date()
    private(set) var computed = 0
    private(set) var resumed = 0

    init(imageCounts: [Int]) { self.imageCounts = imageCounts }

    var benchmarkCount: Int { imageCounts.count }
    var total: Int { imageCounts.reduce(0, +) }

    mutating func finished(computed: Int, resumed: Int) {
        self.computed += computed
        self.resumed += resumed
    }

    /// e.g. `overall 12/40 0.50/s ETA 0:56`, with `done` images of benchmark `benchmark` finished.
    func note(benchmark: Int, done: Int) -> String {
        let overallDone = imageCounts.prefix(benchmark).reduce(0, +) + done
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(overallDone) / elapsed : 0
        let eta = rate > 0 && overallDone < total ? "ETA " + ProgressLine.duration(Double(total - overallDone) / rate)
            : "elapsed " + ProgressLine.duration(elapsed)
        return String(format: "overall %d/%d %.2f/s ", overallDone, total, rate) + eta
    }

    /// e.g. `all: 2 benchmarks evaluated, 8 skipped; images: 6 computed, 3 resumed (0:42)`.
    func summary(skipped: Int) -> String {
        "all: \(benchmarkCount) benchmark\(benchmarkCount == 1 ? "" : "s") evaluated, \(skipped) skipped; "
            + "images: \(computed) computed, \(resumed) resumed (\(ProgressLine.duration(Date().timeIntervalSince(start))))"
    }
}
