import Foundation
import ReMEImage

/// Runs the per-image stage of `reme build` for one shard, appending to its record log.
///
/// Resuming is keyed on inputs: an image whose latest record was made from the same image
/// bytes, caption, masks file and settings (`BuildRecordKey`) is reused; any other image is
/// processed, and its new record supersedes the old one.
public struct ReferenceBuild {
    public var imagesFolder: URL
    public var images: [String]
    public var captions: CaptionLookup
    public var workFolder: URL
    public var shard: BuildShard

    /// - Parameter images: the folder's images, sorted (`ImageFolder.list`).
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

    /// - Parameter settings: the build's settings (already checked against the work folder's):
    ///   with `stage` they make the settings part of every record's key.
    public func runPerImage(stage: PerImageStage, settings: BuildSettings,
                            progress: (BuildProgress) -> Void = { _ in }) throws -> ShardSummary {
        let input = try BuildInput(paths: images, captions: captions, folder: imagesFolder)
        let mine = input.images.filter { shard.contains(image: $0.path) }
        do { try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true) } catch {
            throw BuildError.io(path: workFolder.path, message: "cannot create the work folder: \(error.localizedDescription)")
        }
        let log = try BuildRecordLog(url: Self.logURL(in: workFolder, shard: shard))
        let inputsURL = ShardInputs.url(in: workFolder, shard: shard)
        let previous = try ShardInputs.read(from: inputsURL)
        let keyer = RecordKeyer(imagesFolder: imagesFolder, masks: stage.masks,
                                settings: PerImageSettings.digest(stage: stage, settings: settings))

        let plan = ResumePlan(images: mine, latest: log.latest, keyer: keyer) { checked, total in
            progress(BuildProgress(phase: .checking, done: checked, total: total, skipped: 0, image: ""))
        }
        let dropped = Self.droppedImages(previous: previous, log: log, current: input)
        let planned = ShardInputs(input: input.digest, images: plan.expected, unreportedDrops: dropped)
        if planned != previous { try planned.write(to: inputsURL) }

        var skipped = 0
        progress(BuildProgress(phase: .processing, done: plan.reused, total: mine.count, skipped: skipped, image: ""))
        for (n, item) in plan.work.enumerated() {
            let record = Self.process(item.image, stage: stage, keyer: keyer)
            try log.append(record)
            if case .skipped = record.outcome { skipped += 1 }
            progress(BuildProgress(phase: .processing, done: plan.reused + n + 1, total: mine.count,
                                   skipped: skipped, image: item.image.path))
        }

        // Every image now has a current record: record the keys they were actually made from.
        let final = ShardInputs(input: input.digest, images: mine.map { .init(image: $0.path, key: log.latest[$0.path]?.key) })
        if final != planned { try final.write(to: inputsURL) }
        return summary(of: mine, input: input, plan: plan, log: log, dropped: dropped)
    }

    /// Images of the shard's previous run (or, before shards kept input lists, of its log)
    /// that are not in the input now, with those a killed run found and could not report.
    static func droppedImages(previous: ShardInputs?, log: BuildRecordLog, current: BuildInput) -> [String] {
        let before = previous.map { $0.images.map(\.image) + $0.unreportedDrops } ?? Array(log.latest.keys)
        let now = Set(current.images.map(\.path))
        return Set(before.filter { !now.contains($0) }).sorted()
    }

    private func summary(of mine: [BuildInput.Image], input: BuildInput, plan: ResumePlan, log: BuildRecordLog,
                         dropped: [String]) -> ShardSummary {
        var skipped: [(image: String, reason: String)] = []
        var pairs = 0
        for image in mine {
            switch log.latest[image.path]?.outcome {
            case .paired(let b)?: pairs += b.phrases.count
            case .skipped(let reason)?: skipped.append((image.path, reason))
            case nil: break
            }
        }
        return ShardSummary(images: mine.count, reused: plan.reused, new: plan.new, recomputed: plan.recomputed,
                            dropped: dropped,
                            withoutCaption: input.withoutCaption.filter { shard.contains(image: $0) },
                            skipped: skipped, pairs: pairs)
    }

    /// One image; every failure becomes a skipped record so a long build never stops for it.
    /// The key is made from the bytes actually decoded, even if the file changed since it was
    /// checked.
    static func process(_ input: BuildInput.Image, stage: PerImageStage, keyer: RecordKeyer) -> BuildRecord {
        let path = keyer.imagePath(input.path)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            return BuildRecord(image: input.path, outcome: .skipped(reason: "cannot read \(path): \(error.localizedDescription)"),
                               segmentCount: 0, key: keyer.key(image: input.path, caption: input.caption, imageBytes: nil))
        }
        let key = keyer.key(image: input.path, caption: input.caption, imageBytes: ContentDigest(data))
        do {
            let image = try PixelImage(decoding: data, source: path)
            let (paired, count) = try stage.process(image, caption: input.caption, name: input.path)
            return BuildRecord(image: input.path, outcome: .paired(paired), segmentCount: count, key: key)
        } catch {
            return BuildRecord(image: input.path, outcome: .skipped(reason: "\(error)"), segmentCount: 0, key: key)
        }
    }
}
