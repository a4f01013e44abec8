import Foundation
import ReME

/// Wall and CPU seconds of one run of `body` (CPU: all of this process's threads).
func timed(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpuStart = ProcessUsage.cpuSeconds()
    let clock = Stopwatch()
    try body()
    return (clock.seconds, ProcessUsage.cpuSeconds() - cpuStart)
}

/// `timed` for each of `repeats` runs (at least one), after `warmUp` untimed runs.
func timedRuns(repeats: Int, warmUp: Int = 0, _ body: () throws -> Void) rethrows -> [(wall: Double, cpu: Double)] {
    for _ in 0..<max(0, warmUp) { try body() }
    return try (0..<max(1, repeats)).map { _ in try timed(body) }
}

/// The fastest wall and the smallest CPU seconds (each taken on its own) of `repeats` runs,
/// after `warmUp` untimed runs.
func bestTime(repeats: Int, warmUp: Int = 0, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let runs = try timedRuns(repeats: repeats, warmUp: warmUp, body)
    return (runs.map(\.wall).min() ?? .infinity, runs.map(\.cpu).min() ?? .infinity)
}
