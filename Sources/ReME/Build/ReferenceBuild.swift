import Foundation
import ReMEImage

/// Progress of the per-image stage.
public struct BuildProgress: Sendable {
    public var done: Int
    public var total: Int
    public var skipped: Int
    public var image: String
}

/// Outcome of one shard's per-image stage.
public struct ShardSummary: Sendable {
    public var processedNow: Int
    public var alreadyDone: Int
    public var skipped: [(image: String, reason: String)]
    public var pairs: Int
}

/// Runs the per-image stage of `reme build` for one shard, appending to its record log and
/// skipping images a previous (possibly killed) run already recorded.
public struct ReferenceBuild {
    public var imagesFolder: URL
    public var images: [String]
    public var captions: CaptionLookup
    public var workFolder: URL
    public var shard: BuildShard

    public init(imagesFolder: URL, images: [String], captions: CaptionLookup, workFolder: URL, shard: BuildShard) {
        self.imagesFolder = imagesFolder
        self.images = images
        self.captions = captions
        self.workFolder = workFolder
        self.shard = shard
    }

    public static func logURL(in folder: URL, shard: BuildShard) -> URL {
        folder.appendingPathComponent("\(shard.fileTag).records")
    }

    public var shardImages: [String] {
        images.enumerated().filter { shard.contains(position: $0.offset) }.map(\.element)
    }

    public func runPerImage(stage: PerImageStage, progress: (BuildProgress) -> Void = { _ in }) throws -> ShardSummary {
        let log = try BuildRecordLog(url: Self.logURL(in: workFolder, shard: shard))
        let mine = shardImages
        let done = log.completedImages
        let todo = mine.filter { !done.contains($0) }
        var skipped = log.records.compactMap { r -> (String, String)? in
            if case .skipped(let reason) = r.outcome { return (r.image, reason) } else { return nil }
        }
        var processed = 0
        progress(BuildProgress(done: mine.count - todo.count, total: mine.count, skipped: skipped.count, image: ""))
        for path in todo {
            let record = Self.process(path, folder: imagesFolder, caption: captions.caption(for: path), stage: stage)
            try log.append(record)
            if case .skipped(let reason) = record.outcome { skipped.append((path, reason)) }
            processed += 1
            progress(BuildProgress(done: mine.count - todo.count + processed, total: mine.count,
                                   skipped: skipped.count, image: path))
        }
        let pairs = log.records.reduce(0) { n, r in
            if case .paired(let b) = r.outcome { return n + b.phrases.count } else { return n }
        }
        return ShardSummary(processedNow: processed, alreadyDone: mine.count - todo.count,
                            skipped: skipped.map { (image: $0.0, reason: $0.1) }, pairs: pairs)
    }

    /// One image; every failure becomes a skipped record so a long build never stops for it.
    static func process(_ path: String, folder: URL, caption: String?, stage: PerImageStage) -> BuildRecord {
        guard let caption else { return BuildRecord(image: path, outcome: .skipped(reason: "no caption"), segmentCount: 0) }
        let image: PixelImage
        do { image = try PixelImage(contentsOfFile: folder.appendingPathComponent(path).path) } catch {
            return BuildRecord(image: path, outcome: .skipped(reason: "\(error)"), segmentCount: 0)
        }
        do {
            let (paired, count) = try stage.process(image, caption: caption, name: path)
            return BuildRecord(image: path, outcome: .paired(paired), segmentCount: count)
        } catch {
            return BuildRecord(image: path, outcome: .skipped(reason: "\(error)"), segmentCount: 0)
        }
    }

    /// Joins every shard's records into the base set, in image order; fails unless all
    /// `shardCount` logs exist. The feature width is taken from the first image that kept a
    /// segment when `featureDimension` is nil.
    public static func loadBaseSet(workFolder: URL, shardCount: Int, featureDimension: Int? = nil) throws
        -> (base: BaseSet, skipped: [(image: String, reason: String)], images: Int) {
        var records: [BuildRecord] = []
        for i in 0..<shardCount {
            let url = logURL(in: workFolder, shard: try BuildShard(index: i, count: shardCount))
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BuildError.shardMismatch("\(url.lastPathComponent) is missing: shard \(i)/\(shardCount) has not run")
            }
            records += BuildRecordLog.read(url).0
        }
        records.sort { $0.image < $1.image }
        let inferred = records.lazy.compactMap { r -> Int? in
            if case .paired(let b) = r.outcome, b.keptCount > 0 { return b.segmentFeatures.shape.last } else { return nil }
        }.first
        guard let featureDimension = featureDimension ?? inferred else {
            throw BuildError.shardMismatch("no image produced a segment–phrase pair: nothing to build from")
        }
        var base = BaseSet(featureDimension: featureDimension)
        var skipped: [(image: String, reason: String)] = []
        var seen = Set<String>()
        for r in records where seen.insert(r.image).inserted {
            switch r.outcome {
            case .paired(let b):
                if b.keptCount > 0, b.segmentFeatures.shape.last != featureDimension {
                    throw BuildError.shardMismatch("\(r.image) has \(b.segmentFeatures.shape.last ?? 0)-wide features, expected \(featureDimension)")
                }
                try base.append(b)
            case .skipped(let reason):
                skipped.append((r.image, reason))
            }
        }
        base.setImageCount(seen.count - skipped.count)
        return (base, skipped, seen.count)
    }
}
