/// mIoU over a confusion of areas, as mmsegmentation's `IoUMetric` computes it.
///
/// Per image (`intersect_and_union`): with `reduceZeroLabel`, ground-truth 0 becomes the
/// ignore index and every other id is lowered by one; pixels whose ground truth is the ignore
/// index are skipped; areas are histograms over `0..<classCount` (values outside that range,
/// e.g. a prediction of 255, are not counted in the prediction area). Over the data set the
/// areas are summed; `IoU = intersect/union`, `Acc = intersect/label` per class (NaN where the
/// denominator is 0), `mIoU`/`mAcc` = mean over non-NaN classes, `aAcc = Σ intersect / Σ label`.
/// Everything is reported in percent, unrounded (mmsegmentation rounds to 2 decimals for display).
public struct IoUMetric: Sendable {
    public let classCount: Int
    public let ignoreIndex: Int32
    public let reduceZeroLabel: Bool
    public private(set) var areaIntersect: [Int64]
    public private(set) var areaUnion: [Int64]
    public private(set) var areaPrediction: [Int64]
    public private(set) var areaLabel: [Int64]

    public init(classCount: Int, ignoreIndex: Int32 = 255, reduceZeroLabel: Bool = false) {
        self.classCount = classCount
        self.ignoreIndex = ignoreIndex
        self.reduceZeroLabel = reduceZeroLabel
        areaIntersect = [Int64](repeating: 0, count: classCount)
        areaUnion = areaIntersect
        areaPrediction = areaIntersect
        areaLabel = areaIntersect
    }

    /// Adds one image: prediction and ground truth at the same resolution, row-major.
    public mutating func add(prediction: [Int32], groundTruth: [Int32]) throws(MethodError) {
        add(try areas(prediction: prediction, groundTruth: groundTruth))
    }

    /// Adds one image's areas (computed by `areas(prediction:groundTruth:)` with the same classes).
    public mutating func add(_ image: ImageAreas) {
        precondition(image.hasClassCount(classCount), "areas of \(image.intersect.count) classes added to a \(classCount)-class metric")
        for j in 0..<classCount {
            areaIntersect[j] += image.intersect[j]
            areaPrediction[j] += image.prediction[j]
            areaLabel[j] += image.label[j]
            areaUnion[j] += image.union[j]
        }
    }

    /// One image's areas: prediction and ground truth at the same resolution, row-major.
    public func areas(prediction: [Int32], groundTruth: [Int32]) throws(MethodError) -> ImageAreas {
        guard prediction.count == groundTruth.count else {
            throw .labelMapSize(prediction: prediction.count, groundTruth: groundTruth.count)
        }
        let c = Int32(classCount)
        var intersect = [Int64](repeating: 0, count: classCount)
        var predArea = intersect, labelArea = intersect
        for i in 0..<prediction.count {
            var label = groundTruth[i]
            if reduceZeroLabel {
                if label == 0 { label = ignoreIndex } else {
                    label -= 1
                    if label == 254 { label = 255 }
                }
            }
            if label == ignoreIndex { continue }
            let pred = prediction[i]
            if pred >= 0 && pred < c {
                predArea[Int(pred)] += 1
                if pred == label { intersect[Int(pred)] += 1 }
            }
            if label >= 0 && label < c { labelArea[Int(label)] += 1 }
        }
        let union = (0..<classCount).map { predArea[$0] + labelArea[$0] - intersect[$0] }
        return ImageAreas(intersect: intersect, union: union, prediction: predArea, label: labelArea)
    }

    public struct Summary: Sendable, Equatable {
        /// Per-class IoU in percent; NaN where the class is in neither prediction nor ground truth.
        public var perClassIoU: [Double]
        public var perClassAccuracy: [Double]
        public var mIoU: Double
        public var mAcc: Double
        public var aAcc: Double
    }

    public var summary: Summary {
        let iou = (0..<classCount).map { 100 * Double(areaIntersect[$0]) / Double(areaUnion[$0]) }
        let acc = (0..<classCount).map { 100 * Double(areaIntersect[$0]) / Double(areaLabel[$0]) }
        let totalLabel = areaLabel.reduce(0, +)
        return Summary(perClassIoU: iou, perClassAccuracy: acc, mIoU: Self.nanMean(iou), mAcc: Self.nanMean(acc),
                       aAcc: totalLabel > 0 ? 100 * Double(areaIntersect.reduce(0, +)) / Double(totalLabel) : .nan)
    }

    static func nanMean(_ values: [Double]) -> Double {
        let kept = values.filter { !$0.isNaN }
        return kept.isEmpty ? .nan : kept.reduce(0, +) / Double(kept.count)
    }
}
