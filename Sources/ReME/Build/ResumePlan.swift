/// What a run does with each image of its shard, from the shard's log and the images' keys.
struct ResumePlan {
    struct Work {
        var image: BuildInput.Image
        /// Nil for an image that had no record.
        var reason: RecomputeReason?
    }

    var reused = 0
    var work: [Work] = []
    /// The key each image's current record must have (nil: whatever this run records).
    var expected: [ShardInputs.Entry] = []

    /// Keys every image that has a record (reading its file), in order.
    init(images: [BuildInput.Image], latest: [String: BuildRecord], keyer: RecordKeyer,
         progress: (_ checked: Int, _ of: Int) -> Void) {
        let toCheck = images.reduce(0) { $0 + (latest[$1.path] == nil ? 0 : 1) }
        var checked = 0
        for image in images {
            guard let record = latest[image.path] else {
                work.append(Work(image: image, reason: nil))
                expected.append(.init(image: image.path, key: nil))
                continue
            }
            let key = keyer.key(image: image.path, caption: image.caption)
            if let reason = key.recomputeReason(against: record.key) {
                work.append(Work(image: image, reason: reason))
            } else {
                reused += 1
            }
            expected.append(.init(image: image.path, key: key))
            checked += 1
            progress(checked, toCheck)
        }
    }

    var new: Int { work.count { $0.reason == nil } }

    var recomputed: [RecomputeReason: Int] {
        var counts: [RecomputeReason: Int] = [:]
        for w in work { if let r = w.reason { counts[r, default: 0] += 1 } }
        return counts
    }
}
