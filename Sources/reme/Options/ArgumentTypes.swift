import ArgumentParser
import ReME

// Enumerated option values parse into their types, so `--help` lists the values and a typo
// stops the command before any work.

extension Benchmark: ExpressibleByArgument {}

extension SegmentPreset: ExpressibleByArgument {}

extension BuildShard: ExpressibleByArgument {
    /// Unused: `--shard` parses with `BuildShard.parseArgument`, which says what is wrong.
    public init?(argument: String) {
        guard let shard = try? BuildShard(parsing: argument) else { return nil }
        self = shard
    }

    /// `i/N` with 0 ≤ i < N, or an error saying so.
    static func parseArgument(_ text: String) throws -> BuildShard {
        do { return try BuildShard(parsing: text) } catch { throw ValidationError(error.description) }
    }
}
