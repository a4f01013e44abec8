import Foundation

/// The OVS benchmarks `reme eval` knows, with the label conventions of their usual layouts.
public enum Benchmark: String, CaseIterable, Sendable {
    case voc21, voc20, context60, context59, context459
    case cocoObject = "coco-object", cocoStuff = "coco-stuff"
    case cityscapes, ade150, ade847

    /// How stored label values map to class ids before scoring.
    public enum LabelMapping: Sendable, Equatable {
        /// Stored values are class ids; `ignore` values are not scored.
        case identity
        /// mmsegmentation's `reduce_zero_label`: 0 becomes ignored, every other value drops by one.
        case reduceZeroLabel
    }

    /// Class names in id order, or nil where they must come from the dataset folder
    /// (`context459`, `ade847`: see `DatasetLayout`).
    public var builtInClassNames: [String]? {
        switch self {
        case .voc21: return BenchmarkClassNames.voc21
        case .voc20: return BenchmarkClassNames.voc20
        case .context60: return BenchmarkClassNames.context60
        case .context59: return BenchmarkClassNames.context59
        case .cocoObject: return BenchmarkClassNames.cocoObject
        case .cocoStuff: return BenchmarkClassNames.cocoStuff
        case .cityscapes: return BenchmarkClassNames.cityscapes
        case .ade150: return BenchmarkClassNames.ade150
        case .context459, .ade847: return nil
        }
    }

    /// Whether class 0 is a "background" class predicted by thresholding rather than by
    /// retrieval (docs/specification.md, Part 2 step 4).
    public var hasBackgroundClass: Bool {
        self == .voc21 || self == .context60 || self == .cocoObject
    }

    /// The label value that is never scored: 255, or 65535 in the 16-bit label maps of the
    /// benchmarks with more than 255 classes (where 255 is a class).
    public var ignoreIndex: Int32 {
        switch self {
        case .context459, .ade847: return 65535
        default: return 255
        }
    }

    /// Class names as prompts: mmsegmentation's run-together VOC / Context names spelled out.
    public static func promptName(_ name: String) -> String {
        let spelled = ["diningtable": "dining table", "pottedplant": "potted plant", "tvmonitor": "tv monitor",
                       "aeroplane": "aeroplane", "bedclothes": "bedclothes", "motorbike": "motorbike"]
        return spelled[name] ?? name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-other", with: "")
    }

    /// The benchmark's FreeDA segmentation preset (docs/specification.md, Part 1 step 2).
    public var segmentationPreset: String {
        switch self {
        case .voc21, .voc20: return "voc"
        case .context60, .context59, .context459: return "context"
        case .cocoObject, .cocoStuff: return "stuff"
        case .cityscapes: return "cityscapes"
        case .ade150, .ade847: return "ade"
        }
    }
}
