import Foundation

extension ReferenceBuild {
    /// Joins every shard's current records into the base set, in image order. A record is
    /// current when its image is in the shard's input list with that record's key; fails
    /// unless all `shardCount` shards have run on the same input and finished. The feature
    /// width is taken from the first image that kept a segment when `featureDimension` is nil.
    public static func loadBaseSet(workFolder: URL, shardCount: Int, featureDimension: Int? = nil) throws
        -> (base: BaseSet, skipped: [(image: String, reason: String)], images: Int) {
        var records: [BuildRecord] = []
        var firstInput: (shard: BuildShard, digest: ContentDigest)?
        for i in 0..<shardCount {
            let shard = try BuildShard(index: i, count: shardCount)
            records += try currentRecords(workFolder: workFolder, shard: shard, firstInput: &firstInput)
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
        for r in records {
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
        base.setImageCount(records.count - skipped.count)
        return (base, skipped, records.count)
    }

    /// The records of the images in `shard`'s input list, checked to be current.
    private static func currentRecords(workFolder: URL, shard: BuildShard,
                                       firstInput: inout (shard: BuildShard, digest: ContentDigest)?) throws(BuildError)
        -> [BuildRecord] {
        let logURL = logURL(in: workFolder, shard: shard)
        let inputsURL = ShardInputs.url(in: workFolder, shard: shard)
        guard FileManager.default.fileExists(atPath: logURL.path) else {
            throw .shardMismatch("\(logURL.lastPathComponent) is missing: shard \(shard) has not run")
        }
        guard let inputs = try ShardInputs.read(from: inputsURL) else {
            throw .unkeyedShard(log: logURL.path, shard: shard.description)
        }
        if let first = firstInput, first.digest != inputs.input {
            throw .shardMismatch("shard \(shard) last ran on other images or captions than shard \(first.shard): "
                                 + "run the shards that ran before the input changed again")
        }
        firstInput = firstInput ?? (shard, inputs.input)
        let latest = try BuildRecordLog.latestRecords(at: logURL)
        var records: [BuildRecord] = []
        records.reserveCapacity(inputs.images.count)
        for entry in inputs.images {
            guard let record = latest[entry.image], entry.key == nil || record.key == entry.key else { continue }
            records.append(record)
        }
        guard records.count == inputs.images.count else {
            throw .incompleteShard(shard: shard.description, missing: inputs.images.count - records.count,
                                   of: inputs.images.count)
        }
        return records
    }
}
