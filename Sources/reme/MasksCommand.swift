import ArgumentParser
import Foundation
import ReME

/// `reme masks IMAGE... --sam MODEL [--points "x,y[,label];…" --boxes "x0,y0,x1,y1" --multimask]
///  [SAM settings] --output MASKS.json|DIR`: SAM's masks in SAM's own JSON.
struct MasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "masks",
        abstract: "Segment Anything masks of images, natively, in SAM's JSON (COCO RLE).",
        discussion: """
            Without prompts, SAM's automatic mask generator (the algorithm and defaults of \
            transformers' mask-generation pipeline) writes every mask it keeps, best predicted IoU \
            first. With --points and/or --boxes (image pixels), SAM's predictor writes the masks for \
            those prompts: one prompt of all the points (plus at most one box), or one prompt per box \
            when only boxes are given; 3 masks per prompt with --multimask, else 1. \
            Each entry: {segmentation: {size: [h, w], counts: "<compressed RLE>"}, area, bbox [x, y, w, h], \
            predicted_iou, stability_score, point_coords, crop_box [x, y, w, h]}. \
            With one image, --output is the JSON file; with several, --output is a folder (created \
            when missing) that gets <image stem>.json per image. Files are written whole or not at all.
            """
    )

    @Argument(help: "Input images (JPEG or PNG).") var images: [String]
    @OptionGroup var sam: SAMOptions
    @Option(help: ArgumentHelp("Prompt points in image pixels, label 1 (default) foreground or 0 background.",
                               valueName: "x,y[,label];…"))
    var points: String?
    @Option(help: ArgumentHelp("Prompt boxes in image pixels.", valueName: "x0,y0,x1,y1[;…]")) var boxes: String?
    @Flag(help: "Three masks per prompt instead of one (prompted mode).") var multimask = false
    @Option(help: ArgumentHelp("Output JSON file (one image) or folder (several images).", valueName: "PATH"))
    var output: String

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image") }
        guard sam.sam != nil else { throw ValidationError("--sam MODEL is required") }
        if multimask && points == nil && boxes == nil { throw ValidationError("--multimask needs --points or --boxes") }
    }

    func run() throws {
        let prompted = points != nil || boxes != nil
        let promptPoints = try points.map(SAMPromptArguments.points) ?? []
        let promptBoxes = try boxes.map(SAMPromptArguments.boxes) ?? []
        let settings = try sam.settings()
        let targets = try MaskOutputPaths.paths(images: images, output: output)
        let (model, processor) = try sam.model()
        for (index, path) in images.enumerated() {
            let image = try PixelImage(contentsOfFile: path)
            let masks: [SAMGeneratedMask]
            if prompted {
                do {
                    masks = try SAMPredictor(model: model, processor: processor).predict(image, points: promptPoints, boxes: promptBoxes,
                                                                   multimask: multimask)
                } catch let .invalidParameter(name, value, expected) as MethodError {
                    throw CLIFailure(message: "\(path): \(name) \(value) is not \(expected)")
                }
            } else {
                let progress = ProgressLine(images.count > 1 ? "\(path) (\(index + 1)/\(images.count))" : path)
                let generator = try SAMAutomaticMaskGenerator(model: model, settings: settings, processor: processor)
                masks = try generator.generate(image) { done, total in progress.update(Int64(done), of: Int64(total)) }
                progress.finish("\(masks.count) masks")
            }
            try MaskOutputPaths.write(SAMMaskJSON.encode(masks), to: targets[index])
            if images.count == 1 { print(masks.count) }
        }
    }
}

/// Where `reme masks` writes: the file for one image, `<folder>/<stem>.json` for several.
enum MaskOutputPaths {
    static func paths(images: [String], output: String) throws(CLIFailure) -> [String] {
        if images.count == 1 && !output.hasSuffix("/") && !isDirectory(output) {
            try OutputCheck.file(output, option: "--output")
            return [output]
        }
        if FileManager.default.fileExists(atPath: output), !isDirectory(output) {
            throw CLIFailure(message: "--output \(output) is a file, but \(images.count) images need a folder")
        }
        try OutputCheck.folder(output, option: "--output")
        let stems = images.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        if let duplicate = Dictionary(grouping: stems, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CLIFailure(message: "two images are named '\(duplicate)': their --output files would collide")
        }
        return stems.map { (output as NSString).appendingPathComponent($0 + ".json") }
    }

    /// Writes through a temporary file and a rename, creating the folder first.
    static func write(_ data: Data, to path: String) throws {
        let folder = OutputCheck.parentFolder(of: path)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw CLIFailure(message: "cannot create the folder \(folder): "
                             + (FoundationErrorMessage.text(for: error as NSError) ?? "\(error)"))
        }
        try writeFileAtomically(data, to: path)
    }
}
