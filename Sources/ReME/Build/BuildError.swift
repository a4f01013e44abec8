/// Failures of `reme build` that stop it (single bad images never do: they are skipped).
public enum BuildError: Error, CustomStringConvertible, Sendable {
    case io(path: String, message: String)
    case invalidShard(String)
    case noImages(folder: String)
    case shardMismatch(String)
    case incompatibleState(path: String, reason: String)

    public var description: String {
        switch self {
        case let .io(path, message): return "\(path): \(message)"
        case let .invalidShard(text): return "invalid shard '\(text)': expected i/N with 0 ≤ i < N"
        case let .noImages(folder): return "no JPEG or PNG images in \(folder)"
        case let .shardMismatch(reason): return "shards do not belong together: \(reason)"
        case let .incompatibleState(path, reason): return "\(path) was made by another build: \(reason)"
        }
    }
}
