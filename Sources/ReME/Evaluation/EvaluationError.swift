/// Failures of a resumable or sharded evaluation's work folder.
public enum EvaluationError: Error, CustomStringConvertible, Sendable {
    /// Reading or writing a record log or shard input list failed.
    case workFolder(BuildError)
    /// No shard of any evaluation has run in the folder.
    case noShards(folder: String)
    /// A shard's input list is missing: that shard has not run.
    case missingShard(file: String, shard: String)
    case shardMismatch(String)
    /// A shard's latest run did not finish.
    case incompleteShard(shard: String, missing: Int, of: Int)
    /// A record holds areas for another number of classes than its evaluation.
    case corruptRecord(path: String, sample: String)

    public var description: String {
        switch self {
        case let .workFolder(error): return error.description
        case let .noShards(folder): return "no evaluation shards in \(folder) (no eval-shard-*.inputs files)"
        case let .missingShard(file, shard): return "shard \(shard) has not run: \(file) does not exist"
        case let .shardMismatch(reason): return "shards do not belong together: \(reason)"
        case let .incompleteShard(shard, missing, total):
            return "shard \(shard) has \(missing) of its \(total) images not done (its last run stopped early): "
                + "run that shard again, it resumes"
        case let .corruptRecord(path, sample): return "\(path): the record of \(sample) has areas for another class count"
        }
    }
}
