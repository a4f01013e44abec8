/// Failures of `reme build` that stop it (single bad images never do: they are skipped).
public enum BuildError: Error, CustomStringConvertible, Sendable {
    case io(path: String, message: String)
    case invalidShard(String)
    case noImages(folder: String)
    case shardMismatch(String)
    case incompatibleState(path: String, reason: String)
    /// A work-folder file (record log, shard input list) of a format version this reme does not know.
    case unsupportedFormatVersion(path: String, version: Int, supported: Int)
    /// A record passed its checksum but could not be decoded.
    case unreadableRecord(path: String, offset: Int)
    /// A shard's latest run did not finish: some of its images have no current record.
    case incompleteShard(shard: String, missing: Int, of: Int)
    /// A shard's log was written before records carried keys (and it has no input list).
    case unkeyedShard(log: String, shard: String)
    /// None of the images in a folder has a caption.
    case noCaptionedImages(folder: String, images: Int)

    public var description: String {
        switch self {
        case let .io(path, message): return "\(path): \(message)"
        case let .invalidShard(text): return "invalid shard '\(text)': expected i/N with 0 ≤ i < N"
        case let .noImages(folder): return "no JPEG or PNG images in \(folder)"
        case let .shardMismatch(reason): return "shards do not belong together: \(reason)"
        case let .incompatibleState(path, reason): return "\(path) was made by another build: \(reason)"
        case let .unsupportedFormatVersion(path, version, supported):
            return "\(path) is in format version \(version); this reme reads versions 1 to \(supported) "
                + "(use a newer reme, or start the build over in another work folder)"
        case let .unreadableRecord(path, offset):
            return "\(path): the record at byte \(offset) is intact but cannot be decoded"
        case let .incompleteShard(shard, missing, total):
            return "shard \(shard) has \(missing) of its \(total) images not done for its current input "
                + "(its last run stopped early): run that shard again, it resumes"
        case let .unkeyedShard(log, shard):
            return "\(log) was written by an older reme whose records do not say what they were made from: "
                + "run shard \(shard) again (it recomputes its images once)"
        case let .noCaptionedImages(folder, images):
            return "none of the \(images) images in \(folder) has a caption (captions name images by their path "
                + "relative to the folder, or by file name)"
        }
    }
}
