import Foundation
import ReME

/// A `RealisticWorld` with a built base set and held-out images: runs global-stage
/// configurations and measures them on the held-out images.
///
/// Held-out evaluation: images numbered from `RealisticWorld.heldOutStart`; the class list is
/// every visual class (canonical root, synonyms merged) whose caption probability is at
/// least `minimumClassFrequency` (1 % of documents by default), most frequent first; pixels
/// of other classes are ignored (255). mIoU is `IoUMetric`'s over that list.
struct RealisticBench: Sendable {
    let world: RealisticWorld
    let base: BaseSet
    let referenceImages: Int
    let heldOut: [RealisticWorld.Image]
    /// World class ids of the evaluation classes, in label order.
    let evaluationClasses: [Int]
    /// Per world class: its evaluation label index, or 255.
    let evaluationLabel: [Int32]
    let baseSetSeconds: Double
    /// Share of the non-hallucinated concrete phrases that initial pairing paired with a
    /// segment of their own class.
    let pairingAccuracy: Double

    init(world: RealisticWorld, referenceImages: Int, heldOutImages: Int, minimumClassFrequency: Double = 0.01) throws {
        self.world = world
        self.referenceImages = referenceImages
        let vocabulary = world.vocabulary
        let start = Date()
        let pairer = SegmentPhrasePairer(cropEncoder: world.cropEncoder, textEncoder: world.textEncoder,
                                       regionEncoder: world.regionEncoder)
        var base = BaseSet(featureDimension: world.regionEncoder.featureDimension, reservingSegments: referenceImages * 12)
        var right = 0, total = 0
        for n in 0..<referenceImages {
            let image = try world.image(n)
            let record = try pairer.encodeAndPair(image: image.pixels, masks: image.masks, phrases: image.phrases)
            for (j, phrase) in record.phrases.enumerated() {
                guard let c = vocabulary.rootIndex[phrase.root].flatMap({ vocabulary.roots[$0].visualClass }),
                      image.segmentClass.contains(c), !image.hallucinated.contains(phrase.root) else { continue }
                total += 1
                if image.segmentClass[record.keptSegmentIndices[record.pairedSegment[j]]] == c { right += 1 }
            }
            try base.append(record)
        }
        self.base = base
        baseSetSeconds = Date().timeIntervalSince(start)
        pairingAccuracy = total > 0 ? Double(right) / Double(total) : .nan
        heldOut = try (0..<heldOutImages).map { try world.image(RealisticWorld.heldOutStart + $0) }
        evaluationClasses = vocabulary.classes.indices
            .filter { vocabulary.classes[$0].probability >= minimumClassFrequency }
            .sorted { (vocabulary.classes[$0].probability, vocabulary.classes[$1].name)
                > (vocabulary.classes[$1].probability, vocabulary.classes[$0].name) }
        var label = [Int32](repeating: 255, count: vocabulary.classes.count)
        for (i, c) in evaluationClasses.enumerated() { label[c] = Int32(i) }
        evaluationLabel = label
    }

    var classNames: [String] { evaluationClasses.map { world.vocabulary.classes[$0].name } }

    func run(_ configuration: GlobalStageConfiguration) throws -> ReferenceSet {
        try GlobalStage.run(base, textEncoder: world.textEncoder, configuration: configuration)
    }

    /// Held-out mIoU of the reference set a configuration builds.
    func heldOutMIoU(configuration: GlobalStageConfiguration) throws -> Double {
        try heldOutMIoU(run(configuration))
    }

    func heldOutMIoU(_ reference: ReferenceSet) throws -> Double {
        let engine = RetrievalEngine(index: try ReferenceIndex(reference))
        let labeler = SegmentLabeler.retrieval(engine, regionEncoder: world.regionEncoder, textEncoder: world.textEncoder)
        let names = classNames
        var metric = IoUMetric(classCount: names.count)
        for image in heldOut {
            try metric.add(prediction: try labeler.predict(image: image.pixels, masks: image.masks, labels: names),
                           groundTruth: image.pixelClass.map { evaluationLabel[Int($0)] })
        }
        return metric.summary.mIoU
    }

    /// The base set with only the pairs of concrete roots: what a perfect ambiguous-label
    /// filter would leave.
    func concretePairsOnly() -> BaseSet {
        var b = base
        let vocabulary = world.vocabulary
        let concrete = b.roots.map { vocabulary.label(ofRoot: $0) == .concrete }
        b.pairs = b.pairs.filtered(keeping: b.pairs.phrase.map { concrete[Int(b.phraseRoot[Int($0)])] })
        return b
    }

    /// Distinct segments per root in the base set (the knee filter's count, the group size).
    func baseGroupSizes() -> [String: Int] {
        var seen = Set<UInt64>()
        var sizes: [String: Int] = [:]
        for i in 0..<base.pairs.count {
            let root = base.phraseRoot[Int(base.pairs.phrase[i])]
            if seen.insert(UInt64(UInt32(bitPattern: root)) << 32 | UInt64(UInt32(bitPattern: base.pairs.segment[i]))).inserted {
                sizes[base.roots[Int(root)], default: 0] += 1
            }
        }
        return sizes
    }

    /// Base-set pairs per root.
    func basePairCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for p in base.pairs.phrase { counts[base.roots[Int(base.phraseRoot[Int(p)])], default: 0] += 1 }
        return counts
    }
}
