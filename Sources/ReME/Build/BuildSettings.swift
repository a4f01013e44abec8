import Foundation

/// What every shard of one build must agree on; stored as `build.json` in the work folder.
///
/// Models, segmenter, dense-feature resolution and shard count are fixed for the life of a
/// work folder: the shards' logs are only comparable, and only partition the images, under
/// one value of each. The image list and the captions may change between runs: records are
/// keyed on them (`BuildRecordKey`), so they are not part of the settings; `captions` only
/// names the file of the latest run, for the reference set's provenance.
public struct BuildSettings: Codable, Equatable, Sendable {
    public var clip: [String: String]
    public var visual: [String: String]
    public var segmenter: String
    public var denseShortSide: Int
    public var shardCount: Int
    public var captions: String

    /// - Parameter segmenter: recorded as its `settingsDescription`.
    public init(clip: ModelIdentity, visual: ModelIdentity, segmenter: any MaskGenerator,
                denseShortSide: Int, shardCount: Int, captions: String) {
        self.clip = clip.provenance(prefix: "clip")
        self.visual = visual.provenance(prefix: "visual")
        self.segmenter = segmenter.settingsDescription
        self.denseShortSide = denseShortSide
        self.shardCount = shardCount
        self.captions = captions
    }

    /// Compares with the settings a previous run recorded, naming the first difference.
    func difference(from other: BuildSettings) -> String? {
        for (role, mine, theirs) in [("clip", clip, other.clip), ("visual", visual, other.visual)] {
            guard let now = ModelIdentity.recorded(in: mine, prefix: role),
                  let then = ModelIdentity.recorded(in: theirs, prefix: role), now.matches(then) else {
                return "\(role == "clip" ? "CLIP" : "visual") model \(theirs["\(role)_model"] ?? "?") vs \(mine["\(role)_model"] ?? "?")"
            }
        }
        if segmenter != other.segmenter { return "segmenter \(other.segmenter) vs \(segmenter)" }
        if denseShortSide != other.denseShortSide { return "dense short side \(other.denseShortSide) vs \(denseShortSide)" }
        if shardCount != other.shardCount { return "\(other.shardCount) shards then, \(shardCount) now" }
        return nil
    }

    /// Records these settings in `folder`, or checks them against the ones already there
    /// (updating the captions file's name when only that differs).
    public func recordOrCheck(in folder: URL) throws(BuildError) {
        let url = folder.appendingPathComponent("build.json")
        if let data = try? Data(contentsOf: url) {
            guard let previous = try? JSONDecoder().decode(BuildSettings.self, from: data) else {
                throw .incompatibleState(path: url.path, reason: "unreadable settings file")
            }
            if let diff = difference(from: previous) {
                throw .incompatibleState(path: folder.path, reason: diff)
            }
            if previous.captions == captions { return }
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try DurableFile.replace(url, with: try encoder.encode(self))
        } catch let error as BuildError {
            throw error
        } catch {
            throw .io(path: url.path, message: error.localizedDescription)
        }
    }

    public static func read(from folder: URL) throws(BuildError) -> BuildSettings {
        let url = folder.appendingPathComponent("build.json")
        guard let data = try? Data(contentsOf: url),
              let settings = try? JSONDecoder().decode(BuildSettings.self, from: data) else {
            throw .io(path: url.path, message: "no build settings here: run `reme build` on this work folder first")
        }
        return settings
    }
}
