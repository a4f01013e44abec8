import Foundation

/// What one evaluation shard's latest run was given: the settings, the whole split (so merge
/// sums in split order and can tell shards of different splits apart) and this shard's samples
/// with the key each one's current record must have. Stored as `eval-<shard tag>.inputs` (JSON)
/// beside the record log `eval-<shard tag>.records` (named apart from a build's files, so a
/// folder shared with a build is never overwritten), replaced durably before a run evaluates any image and when it ends.
public struct EvalShardInputs: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var sample: String
        public var key: EvalRecordKey
    }

    static let currentFormat = 1
    static let filePrefix = "eval-"
    public var format = EvalShardInputs.currentFormat
    public var dataset: String
    public var classNames: [String]
    public var ignoreIndex: Int32
    public var reduceZeroLabel: Bool
    /// `EvaluationSettings.description`.
    public var settings: String
    /// Every sample of the evaluated split, in order (all shards).
    public var split: [String]
    /// This shard's samples.
    public var samples: [Entry]
    /// Whether the run that wrote this file evaluated all of `samples`.
    public var finished: Bool

    public static func url(in folder: URL, shard: BuildShard) -> URL {
        folder.appendingPathComponent("\(filePrefix)\(shard.fileTag).inputs")
    }

    public static func logURL(in folder: URL, shard: BuildShard) -> URL {
        folder.appendingPathComponent("\(filePrefix)\(shard.fileTag).records")
    }

    /// Nil when the file does not exist.
    public static func read(from url: URL) throws(EvaluationError) -> EvalShardInputs? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let inputs: EvalShardInputs
        do { inputs = try JSONDecoder().decode(EvalShardInputs.self, from: Data(contentsOf: url)) } catch {
            throw .workFolder(.io(path: url.path, message: "unreadable shard input list: \(error)"))
        }
        guard inputs.format == currentFormat else {
            throw .workFolder(.unsupportedFormatVersion(path: url.path, version: inputs.format, supported: currentFormat))
        }
        return inputs
    }

    func write(to url: URL) throws(EvaluationError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            data = try encoder.encode(self)
        } catch {
            throw .workFolder(.io(path: url.path, message: "cannot encode the shard input list: \(error)"))
        }
        do { try DurableFile.replace(url, with: data) } catch { throw .workFolder(error) }
    }
}
