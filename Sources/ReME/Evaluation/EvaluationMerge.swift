import Foundation

/// Sums the shards of a work folder into one result: the areas of every image, taken from the
/// records whose keys the shards' latest runs expected, added in split order. Refuses a folder
/// whose shards ran with different settings or splits, a missing shard, or one that stopped early.
public enum EvaluationMerge {
    public static func result(workFolder: URL) throws(EvaluationError) -> EvaluationResult {
        let shards = try shardList(workFolder)
        var all: [(BuildShard, EvalShardInputs)] = []
        for shard in shards {
            let url = EvalShardInputs.url(in: workFolder, shard: shard)
            guard let inputs = try EvalShardInputs.read(from: url) else {
                throw .missingShard(file: url.path, shard: shard.description)
            }
            all.append((shard, inputs))
        }
        guard let (_, first) = all.first else { throw .noShards(folder: workFolder.path) }
        var areas: [String: ImageAreas] = [:]
        for (shard, inputs) in all {
            try checkSame(inputs, as: first, shard: shard)
            let logURL = EvalShardInputs.logURL(in: workFolder, shard: shard)
            let latest: [String: EvalRecord]
            do { latest = try RecordLog<EvalRecord>.latestRecords(at: logURL) } catch { throw .workFolder(error) }
            let current = inputs.samples.compactMap { entry in latest[entry.sample].flatMap { $0.key == entry.key ? $0 : nil } }
            guard inputs.finished, current.count == inputs.samples.count else {
                throw .incompleteShard(shard: shard.description, missing: inputs.samples.count - current.count,
                                       of: inputs.samples.count)
            }
            for record in current {
                guard record.areas.hasClassCount(first.classNames.count) else {
                    throw .corruptRecord(path: logURL.path, sample: record.sample)
                }
                areas[record.sample] = record.areas
            }
        }
        var metric = IoUMetric(classCount: first.classNames.count, ignoreIndex: first.ignoreIndex,
                               reduceZeroLabel: first.reduceZeroLabel)
        for sample in first.split {
            guard let image = areas[sample] else {
                throw .shardMismatch("\(sample) is in the split but in no shard's samples")
            }
            metric.add(image)
        }
        return EvaluationResult.from(metric, dataset: first.dataset, classNames: first.classNames, images: first.split.count)
    }

    /// The shards of the folder's shard count, from its `.inputs` and `.records` files.
    static func shardList(_ folder: URL) throws(EvaluationError) -> [BuildShard] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var counts = Set<Int>()
        let prefix = EvalShardInputs.filePrefix + "shard-"
        for name in names where name.hasPrefix(prefix) && (name.hasSuffix(".inputs") || name.hasSuffix(".records")) {
            let parts = name.dropFirst(prefix.count).split(separator: ".")[0].split(separator: "-")
            if parts.count == 3, parts[1] == "of", let n = Int(parts[2]) { counts.insert(n) }
        }
        guard let count = counts.first else { throw .noShards(folder: folder.path) }
        guard counts.count == 1 else {
            throw .shardMismatch("\(folder.path) holds shards of \(counts.sorted().map(String.init).joined(separator: " and ")) "
                                 + "shard runs; use one work folder per shard count")
        }
        return (0..<count).compactMap { try? BuildShard(index: $0, count: count) }
    }

    private static func checkSame(_ inputs: EvalShardInputs, as first: EvalShardInputs, shard: BuildShard) throws(EvaluationError) {
        if inputs.settings != first.settings {
            let theirs = Set(inputs.settings.split(separator: "\n")), ours = first.settings.split(separator: "\n")
            let differing = ours.filter { !theirs.contains($0) }.joined(separator: "; ")
            throw .shardMismatch("shard \(shard) ran with other settings (differs in: \(differing))")
        }
        if inputs.split != first.split || inputs.dataset != first.dataset || inputs.classNames != first.classNames {
            throw .shardMismatch("shard \(shard) evaluated another split or benchmark (\(inputs.dataset), "
                                 + "\(inputs.split.count) images, against \(first.dataset), \(first.split.count) images)")
        }
    }
}
