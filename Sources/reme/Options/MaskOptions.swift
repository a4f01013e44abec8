import ArgumentParser
import ReME

/// Which segmenter cuts images into class-agnostic masks.
enum SegmenterChoice: String, ExpressibleByArgument, CaseIterable {
    case felzenszwalb, sam
}

/// How images are cut into segments: Felzenszwalb (a dataset preset, optionally overridden
/// value by value), SAM's automatic masks (--segmenter sam --sam MODEL), or, with --masks,
/// masks an external segmenter wrote.
struct MaskOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Segmenter: felzenszwalb (superpixels) or sam (SAM's automatic masks, the paper's ReME-SAM; needs --sam). "
                                   + "Overlapping SAM masks are summed in Eq. 3; regions no mask covers become segments of their own.",
                               valueName: "NAME"))
    var segmenter: SegmenterChoice?

    @Option(help: "Felzenszwalb preset (FreeDA's settings).") var preset: SegmentPreset?
    @Option(help: "Felzenszwalb scale (larger: bigger segments).") var scale: Double?
    @Option(help: "Gaussian pre-blur sigma in pixels.") var sigma: Double?
    @Option(help: "Smallest segment in pixels (at the segmenting resolution).") var minSize: Int?
    @Option(help: "Resize so the short side has N pixels before segmenting (0: the image's own size).")
    var segmentShortSide = 448
    @Option(help: ArgumentHelp("External masks instead of Felzenszwalb: a SAM / COCO-RLE JSON or label-map PNG, or a folder of them named after the images.",
                               valueName: "PATH"))
    var masks: String?

    @OptionGroup(title: "SAM (--segmenter sam)") var sam: SAMOptions

    /// The segmenter these options select; the one place the command line builds it.
    /// - Parameters:
    ///   - defaultPreset: the Felzenszwalb preset when --preset is not given.
    ///   - imageCount: images segmented one after another; a single masks file serves only one.
    func generator(defaultPreset: SegmentPreset? = nil, imageCount: Int = 1) throws -> any MaskGenerator {
        if usesSAM {
            guard masks == nil else { throw CLIFailure(message: "--masks and --segmenter sam both choose the masks: give one") }
            guard let name = sam.sam else { throw CLIFailure(message: "--segmenter sam needs --sam MODEL (a SamModel folder or hub id)") }
            let folder = try ModelFolder.resolve(name)
            return try SAMMasks(folder: folder, name: name, settings: try sam.settings())
        }
        if segmenter == .felzenszwalb, let name = sam.sam {
            throw CLIFailure(message: "--sam \(name) is given but --segmenter is felzenszwalb: drop one")
        }
        guard let masks else { return FelzenszwalbMasks(superpixelOptions(defaultPreset: defaultPreset)) }
        let imported = try ImportedMasks(path: masks)
        if !imported.source.isFolder, imageCount > 1 {
            throw CLIFailure(message: "--masks names one file but \(imageCount) images are given: pass a folder")
        }
        return imported
    }

    /// SAM segments: `--segmenter sam`, or `--sam MODEL` given without a segmenter.
    var usesSAM: Bool { segmenter == .sam || (segmenter == nil && sam.sam != nil) }

    /// One line for reports: which segmenter and where its masks come from.
    func summary(felzenszwalb: String) -> String {
        if usesSAM { return "SAM \(sam.sam ?? "?") automatic masks" }
        return masks.map { "imported from \($0)" } ?? felzenszwalb
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
