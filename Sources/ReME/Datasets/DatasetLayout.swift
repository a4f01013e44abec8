import Foundation

/// One way a benchmark can sit on disk (mmsegmentation's or detectron2 / CAT-Seg's).
struct DatasetLayout: Sendable {
    var name: String
    /// Folders to try under `--root` (the first that holds `images` wins); "" is the root itself.
    var roots: [String]
    var images: String
    var labels: String
    var imageSuffix: String
    var labelSuffix: String
    /// A file listing image ids, one per line; nil = every image in `images`.
    var split: String?
    var recursive = false
    var mapping: Benchmark.LabelMapping

    var expectation: String {
        "\(images)/*\(imageSuffix) with \(labels)/*\(labelSuffix)" + (split.map { " listed in \($0)" } ?? "")
            + " (\(name) layout)"
    }

    static func candidates(for benchmark: Benchmark) -> [DatasetLayout] {
        let voc12 = ["", "VOC2012", "VOCdevkit/VOC2012"], voc10 = ["", "VOC2010", "VOCdevkit/VOC2010"]
        switch benchmark {
        case .voc21, .voc20:
            return [DatasetLayout(name: "mmsegmentation", roots: voc12, images: "JPEGImages", labels: "SegmentationClass",
                                  imageSuffix: ".jpg", labelSuffix: ".png", split: "ImageSets/Segmentation/val.txt",
                                  mapping: benchmark == .voc20 ? .reduceZeroLabel : .identity)]
        case .context60, .context59:
            var layouts = [DatasetLayout(name: "mmsegmentation", roots: voc10, images: "JPEGImages", labels: "SegmentationClassContext",
                                         imageSuffix: ".jpg", labelSuffix: ".png", split: "ImageSets/SegmentationContext/val.txt",
                                         mapping: benchmark == .context59 ? .reduceZeroLabel : .identity)]
            if benchmark == .context59 {
                layouts.append(DatasetLayout(name: "detectron2", roots: ["", "pascal_ctx_d2"], images: "images/validation",
                                             labels: "annotations_ctx59/validation", imageSuffix: ".jpg", labelSuffix: ".png",
                                             split: nil, mapping: .identity))
            }
            return layouts
        case .context459:
            return [".tif", ".png"].map {
                DatasetLayout(name: "detectron2", roots: ["", "pascal_ctx_d2"], images: "images/validation",
                              labels: "annotations_ctx459/validation", imageSuffix: ".jpg", labelSuffix: $0, split: nil,
                              mapping: .identity)
            }
        case .cocoStuff:
            return [
                DatasetLayout(name: "mmsegmentation", roots: ["", "coco_stuff164k"], images: "images/val2017", labels: "annotations/val2017",
                              imageSuffix: ".jpg", labelSuffix: "_labelTrainIds.png", split: nil, mapping: .identity),
                DatasetLayout(name: "detectron2", roots: ["", "coco-stuff", "coco"], images: "images/val2017",
                              labels: "annotations_detectron2/val2017", imageSuffix: ".jpg", labelSuffix: ".png",
                              split: nil, mapping: .identity),
            ]
        case .cocoObject:
            return [DatasetLayout(name: "mmsegmentation", roots: ["", "coco_stuff164k"], images: "images/val2017", labels: "annotations/val2017",
                                  imageSuffix: ".jpg", labelSuffix: "_instanceTrainIds.png", split: nil, mapping: .identity)]
        case .cityscapes:
            return [DatasetLayout(name: "mmsegmentation", roots: ["", "cityscapes"], images: "leftImg8bit/val", labels: "gtFine/val",
                                  imageSuffix: "_leftImg8bit.png", labelSuffix: "_gtFine_labelTrainIds.png", split: nil,
                                  recursive: true, mapping: .identity)]
        case .ade150:
            return [
                DatasetLayout(name: "mmsegmentation", roots: ["", "ADEChallengeData2016"], images: "images/validation",
                              labels: "annotations/validation", imageSuffix: ".jpg", labelSuffix: ".png", split: nil,
                              mapping: .reduceZeroLabel),
                DatasetLayout(name: "detectron2", roots: ["", "ADEChallengeData2016"], images: "images/validation",
                              labels: "annotations_detectron2/validation", imageSuffix: ".jpg", labelSuffix: ".png", split: nil,
                              mapping: .identity),
            ]
        case .ade847:
            return [".tif", ".png"].map {
                DatasetLayout(name: "detectron2", roots: ["", "ADE20K_2021_17_01"], images: "images_detectron2/validation",
                              labels: "annotations_detectron2/validation", imageSuffix: ".jpg", labelSuffix: $0,
                              split: nil, mapping: .identity)
            }
        }
    }
}
