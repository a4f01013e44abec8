import Foundation

/// What one shard's latest run was given: its images, each with the key its current record
/// must have, and the digest of the whole build's input. `merge` reads it to take only current
/// records, to tell a run that stopped early, and to refuse shards that ran on different
/// image lists or captions. Stored as `<shard tag>.inputs` (JSON) beside the record log,
/// replaced durably as a whole before a run processes any image and again when it ends.
public struct ShardInputs: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var image: String
        /// The key the image's current record must have; nil for an image that had no record
        /// when the run started, whose latest record is then current by construction.
        public var key: BuildRecordKey?
    }

    static let currentFormat = 1
    public var format = ShardInputs.currentFormat
    /// `BuildInput.digest` of the run.
    public var input: ContentDigest
    public var images: [Entry]
    /// Images that left the input while a run was under way: the run that finishes reports
    /// them, even when the one that noticed was killed first.
    public var unreportedDrops: [String]

    public init(input: ContentDigest, images: [Entry], unreportedDrops: [String] = []) {
        self.input = input
        self.images = images
        self.unreportedDrops = unreportedDrops
    }

    public static func url(in folder: URL, shard: BuildShard) -> URL {
        folder.appendingPathComponent("\(shard.fileTag).inputs")
    }

    /// Nil when the file does not exist.
    public static func read(from url: URL) throws(BuildError) -> ShardInputs? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let inputs: ShardInputs
        do { inputs = try JSONDecoder().decode(ShardInputs.self, from: Data(contentsOf: url)) } catch {
            throw .io(path: url.path, message: "unreadable shard input list: \(error)")
        }
        guard inputs.format == currentFormat else {
            throw .unsupportedFormatVersion(path: url.path, version: inputs.format, supported: currentFormat)
        }
        return inputs
    }

    func write(to url: URL) throws(BuildError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            data = try encoder.encode(self)
        } catch {
            throw .io(path: url.path, message: "cannot encode the shard input list: \(error)")
        }
        try DurableFile.replace(url, with: data)
    }
}
