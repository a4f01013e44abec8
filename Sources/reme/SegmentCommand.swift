import ArgumentParser
import Foundation
import ReME

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Label every pixel of images with any list of class names.",
        discussion: """
            Each image is cut into class-agnostic segments (Felzenszwalb); each segment is \
            classified by retrieval against a reference set (--reference, docs/specification.md Part 2) or, \
            without one, by CLIP on its masked crop (the zero-reference baseline). The output \
            is an indexed PNG (VOC palette) whose pixel values are the 0-based indices of the \
            labels. With several images, --output and --overlay name folders and each file is \
            <image stem>.png.
            Example:
              reme segment photo.jpg --labels "cat, sofa, floor, wall" \\
                  --reference coco.refset.safetensors --output photo-labels.png --overlay photo-overlay.png
            """
    )

    @Argument(help: "JPEG or PNG images.") var images: [String]
    @Option(help: ArgumentHelp("Comma-separated class names; free-form phrases are fine.", valueName: "LIST"))
    var labels: [String]
    @Option(help: ArgumentHelp("Reference set from `reme build` (omit for the CLIP-only baseline).", valueName: "REFSET"))
    var reference: String?
    @Option(help: ArgumentHelp("Prediction PNG, or a folder when several images are given.", valueName: "PATH"))
    var output: String
    @Option(help: ArgumentHelp("Also write the photo blended with class colours and a legend (any script; fonts: Debian "
                               + "fonts-dejavu-core and fonts-wqy-microhei, or REME_FONT=FILE[:FILE...]).", valueName: "PATH"))
    var overlay: String?
    @Flag(help: "Print per-image class shares and mean confidences as JSON on stdout.")
    var json = false
    @Option(help: "Pixels whose best normalised score is below this get the label named 'background'.")
    var backgroundThreshold: Float?

    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Segments") var segments: MaskOptions
    @OptionGroup(title: "Retrieval") var retrieval: RetrievalOptions

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image") }
        if let t = backgroundThreshold, !(0...1).contains(t) { throw ValidationError("--background-threshold must be in 0…1") }
    }

    func run() throws {
        let names = try LabelList.parse(labels)
        var background: BackgroundRule?
        if let threshold = backgroundThreshold {
            guard let index = BackgroundRule.classIndex(in: names) else {
                throw CLIFailure(message: "--background-threshold needs a label named 'background'")
            }
            background = BackgroundRule(threshold: threshold, classIndex: index)
        }
        let outputs = try OutputPaths(images: images, output: output, overlay: overlay)
        let encoders = try EncoderSet.load(clip: models.clip, visual: reference == nil ? nil : models.visual,
                                           crops: reference == nil, region: reference != nil,
                                           denseShortSide: models.denseShortSide)
        let masks = try segments.generator(imageCount: images.count)
        let pipeline: SegmentationPipeline
        if let reference {
            pipeline = try .withReference(path: reference, encoders: encoders, masks: masks,
                                          retrieval: retrieval.configuration, background: background)
        } else {
            pipeline = try .zeroReference(encoders: encoders, masks: masks,
                                          temperature: retrieval.textTemperature, background: background)
        }
        var reports: [[String: Any]] = []
        for (i, path) in images.enumerated() {
            let image = try PixelImage(contentsOfFile: path)
            let result = try pipeline.segment(image, labels: names, name: path)
            try outputs.write(result, photo: image, at: i)
            reports.append(PredictionFiles.report(result, image: path, output: outputs.predictions[i]))
            if !json {
                let top = result.classSummary().filter { $0.share > 0 }.sorted { $0.share > $1.share }.prefix(5)
                    .map { String(format: "%@ %.1f%%", $0.name, $0.share * 100) }.joined(separator: ", ")
                print("\(path) -> \(outputs.predictions[i]): \(top)")
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: images.count == 1 ? reports[0] : reports,
                                                  options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
