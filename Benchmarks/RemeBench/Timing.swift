import Foundation
import ReME

/// Wall-clock seconds of the fastest of `repeats` runs, after one warm-up run.
func bestTime(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var best = Double.infinity
    for _ in 0..<max(1, repeats) {
        let clock = Stopwatch()
        try body()
        best = min(best, clock.seconds)
    }
    return best
}

/// Peak resident set size of this process in bytes (VmHWM from /proc).
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}
