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
