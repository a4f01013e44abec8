import ArgumentParser
import ReME

/// SAM's model and automatic-mask-generation settings, with the flag names of SAM's `amg.py`;
/// shared by `reme masks` and, later, `--segmenter sam` in `segment`, `build` and `eval`.
struct SAMOptions: ParsableArguments {
    @Option(help: ArgumentHelp("SAM model: a Hugging Face folder (SamModel, e.g. facebook/sam-vit-base) or hub id in the local cache.",
                               valueName: "MODEL"))
    var sam: String?

    @Option(name: .customLong("points-per-side"), help: "Grid points per image side (automatic masks).") var pointsPerSide = 32
    @Option(name: .customLong("points-per-batch"), help: "Points decoded per model call.") var pointsPerBatch = 64
    @Option(name: .customLong("pred-iou-thresh"), help: "Drop masks whose predicted IoU is at or below this (0: keep all).") var predIoUThresh: Float = 0.88
    @Option(name: .customLong("stability-score-thresh"), help: "Drop masks whose stability score is at or below this (0: keep all).")
    var stabilityScoreThresh: Float = 0.95
    @Option(name: .customLong("stability-score-offset"), help: "Logit offset of the stability score.") var stabilityScoreOffset: Float = 1
    @Option(name: .customLong("box-nms-thresh"), help: "Box IoU above which NMS drops the lower-scored mask.") var boxNMSThresh: Float = 0.7
    @Option(name: .customLong("crop-n-layers"), help: "Crop layers besides the whole image (layer i: (2^i)² crops).") var cropNLayers = 0
    @Option(name: .customLong("min-mask-region-area"), help: "Remove holes and islands smaller than this many pixels, then NMS again (SAM's post-processing; 0: off).")
    var minMaskRegionArea = 0

    /// The generator settings these flags give, checked.
    func settings() throws -> SAMMaskGenerationSettings {
        var s = SAMMaskGenerationSettings()
        s.pointsPerSide = pointsPerSide
        s.pointsPerBatch = pointsPerBatch
        s.predIoUThresh = predIoUThresh
        s.stabilityScoreThresh = stabilityScoreThresh
        s.stabilityScoreOffset = stabilityScoreOffset
        s.boxNMSThresh = boxNMSThresh
        s.cropNLayers = cropNLayers
        s.minMaskRegionArea = minMaskRegionArea
        do {
            return try s.validated()
        } catch let .invalidParameter(name, value, expected) {
            throw CLIFailure(message: "--\(name) \(value) is invalid: expected \(expected)")
        } catch {
            throw CLIFailure(message: "\(error)")
        }
    }

    /// The `--sam` model and its image processor (the folder's `preprocessor_config.json`).
    func model() throws -> (model: SAMModel, processor: SAMImageProcessor) {
        guard let sam else { throw CLIFailure(message: "--sam MODEL is required") }
        let folder = try ModelFolder.resolve(sam)
        return (try SAMModel.load(folder), try SAMImageProcessor.load(folder))
    }
}
