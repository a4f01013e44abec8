import ArgumentParser
import ReME

/// Felzenszwalb settings: a dataset preset, optionally overridden value by value.
struct SegmenterOptions: ParsableArguments {
    @Option(help: "Felzenszwalb preset (FreeDA's settings).") var preset: SegmentPreset?
    @Option(help: "Felzenszwalb scale (larger: bigger segments).") var scale: Double?
    @Option(help: "Gaussian pre-blur sigma in pixels.") var sigma: Double?
    @Option(help: "Smallest segment in pixels (at the segmenting resolution).") var minSize: Int?
    @Option(help: "Resize so the short side has N pixels before segmenting (0: the image's own size).")
    var segmentShortSide = 448
    @Option(help: ArgumentHelp("External masks instead of Felzenszwalb: a SAM / COCO-RLE JSON or label-map PNG, or a folder of them named after the images.",
                               valueName: "PATH"))
    var masks: String?

    func maskSource() throws -> MaskSource? { try masks.map { try MaskSource(path: $0) } }

    func options(defaultPreset: SegmentPreset? = nil) -> SuperpixelOptions {
        var parameters = FelzenszwalbParameters()
        if let p = preset ?? defaultPreset { parameters = FelzenszwalbParameters(preset: p) }
        if let scale { parameters.scale = scale }
        if let sigma { parameters.sigma = sigma }
        if let minSize { parameters.minSize = minSize }
        return SuperpixelOptions(parameters: parameters, shortSide: segmentShortSide > 0 ? segmentShortSide : nil)
    }
}
