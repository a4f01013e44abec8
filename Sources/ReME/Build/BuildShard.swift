/// Which part of the image list one `reme build` process handles (a job-array task).
public struct BuildShard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = BuildShard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    public init(index: Int, count: Int) throws(BuildError) {
        guard count >= 1, index >= 0, index < count else { throw .invalidShard("\(index)/\(count)") }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `i/N`.
    public init(parsing text: String) throws(BuildError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { throw .invalidShard(text) }
        try self.init(index: i, count: n)
    }

    /// The shard a cluster scheduler assigned: Slurm job arrays (`SLURM_ARRAY_TASK_ID`, with
    /// `SLURM_ARRAY_TASK_COUNT`, ids counted from `SLURM_ARRAY_TASK_MIN`) or Kubernetes
    /// Indexed Jobs (`JOB_COMPLETION_INDEX`, with the count given by `REME_SHARD_COUNT` since
    /// pods do not see `.spec.completions`). Nil when none is set.
    public static func fromEnvironment(_ env: [String: String]) throws(BuildError) -> BuildShard? {
        if let id = env["SLURM_ARRAY_TASK_ID"] {
            guard let i = Int(id), let n = env["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) else {
                throw .invalidShard("SLURM_ARRAY_TASK_ID=\(id) SLURM_ARRAY_TASK_COUNT=\(env["SLURM_ARRAY_TASK_COUNT"] ?? "unset")")
            }
            let minimum = env["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            return try BuildShard(index: i - minimum, count: n)
        }
        if let id = env["JOB_COMPLETION_INDEX"] {
            guard let i = Int(id), let n = env["REME_SHARD_COUNT"].flatMap(Int.init) else {
                throw .invalidShard("JOB_COMPLETION_INDEX=\(id) needs REME_SHARD_COUNT (the Job's completions)")
            }
            return try BuildShard(index: i, count: n)
        }
        return nil
    }

    /// An image belongs to the shard its path hashes to, so adding or removing images never
    /// moves the others to another shard (whose log would not have their records). Shards are
    /// balanced in expectation: with n images a shard's share deviates by about √(n/N).
    public func contains(image: String) -> Bool {
        XXHash64.hash(image) % UInt64(count) == UInt64(index)
    }

    public var description: String { "\(index)/\(count)" }
    /// File-name form, e.g. `shard-003-of-016`.
    public var fileTag: String {
        let width = max(3, String(count).count)
        func pad(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: width - s.count) + s }
        return "shard-\(pad(index))-of-\(pad(count))"
    }
}
