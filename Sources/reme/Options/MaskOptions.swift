import ArgumentParser
import ReME

/// How images are cut into segments: Felzenszwalb (a dataset preset, optionally overridden
/// value by value) or, with --masks, masks an external segmenter wrote.
struct MaskOptions: ParsableArguments {
    @Option(help: "Felzenszwalb preset (FreeDA's settings).") var preset: SegmentPreset?
    @Option(help: "Felzenszwalb scale (larger: bigger segments).") var scale: Double?
    @Option(help: "Gaussian pre-blur sigma in pixels.") var sigma: Double?
    @Option(help: "Smallest segment in pixels (at the segmenting resolution).") var minSize: Int?
    @Option(help: "Resize so the short side has N pixels before segmenting (0: the image's own size).")
    var segmentShortSide = 448
    @Option(help: ArgumentHelp("External masks instead of Felzenszwalb: a SAM / COCO-RLE JSON or label-map PNG, or a folder of them named after the images.",
                               valueName: "PATH"))
    var masks: String?

    /// The segmenter these options select; the one place the command line builds it.
    /// - Parameters:
    ///   - defaultPreset: the Felzenszwalb preset when --preset is not given.
    ///   - imageCount: images segmented one after another; a single masks file serves only one.
    func generator(defaultPreset: SegmentPreset? = nil, imageCount: Int = 1) throws -> any MaskGenerator {
        guard let masks else { return FelzenszwalbMasks(superpixelOptions(defaultPreset: defaultPreset)) }
        let imported = try ImportedMasks(path: masks)
        if !imported.source.isFolder, imageCount > 1 {
            throw CLIFailure(message: "--masks names one file but \(imageCount) images are given: pass a folder")
        }
        return imported
    }

    private func superpixelOptions(defaultPreset: SegmentPreset? = nil) -> SuperpixelOptions {
        var parameters = FelzenszwalbParameters()
        if let p = preset ?? defaultPreset { parameters = FelzenszwalbParameters(preset: p) }
        if let scale { parameters.scale = scale }
        if let sigma { parameters.sigma = sigma }
        if let minSize { parameters.minSize = minSize }
        return SuperpixelOptions(parameters: parameters, shortSide: segmentShortSide > 0 ? segmentShortSide : nil)
    }
}
