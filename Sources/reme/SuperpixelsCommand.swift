import ArgumentParser
import Foundation
import ReMEImage

/// `reme superpixels IMAGE [--scale 100 --sigma 1.0 --min-size 20] [--preset NAME] [--short-side N]
///  --output LABELS.png [--overlay FILE]`: writes a 16-bit gray PNG of segment ids 0..K−1
/// (raster order of first appearance) at the image's size and prints K.
struct SuperpixelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "superpixels",
        abstract: "Class-agnostic Felzenszwalb segments of an image, as a 16-bit label PNG.",
        discussion: """
            Presets (FreeDA / ReME settings): voc = scale 100, sigma 0.7, min-size 20; \
            context and ade = 100, 1.0, 20; stuff = 100, 1.0, 100; cityscapes = 20, 0.5, 50. \
            Explicit --scale / --sigma / --min-size override the preset. Without --short-side the \
            image is segmented at its own resolution; the label map always has the input's size.
            """
    )

    @Argument(help: "Input image (JPEG or PNG).") var image: String
    @Option(help: "Parameter preset.") var preset: SegmentPreset?
    @Option(help: "Observation scale (higher = larger segments; default 100).") var scale: Double?
    @Option(help: "Gaussian pre-blur sigma in pixels (default 1.0).") var sigma: Double?
    @Option(name: .customLong("min-size"), help: "Minimum segment size in pixels (default 20).") var minSize: Int?
    @Option(name: .customLong("short-side"), help: "Resize so the short side has N pixels before segmenting.")
    var shortSide: Int?
    @Option(name: .customLong("max-megapixels"), help: "Refuse larger images (after --short-side); default 25.")
    var maxMegapixels: Double = Double(Felzenszwalb.defaultMaxPixels) / 1e6
    @Option(help: "Output 16-bit grayscale PNG of segment ids.") var output: String
    @Option(help: "Also write the image with segment boundaries drawn in yellow (PNG).") var overlay: String?

    func parameters() -> FelzenszwalbParameters {
        var parameters = FelzenszwalbParameters()
        if let preset { parameters = FelzenszwalbParameters(preset: preset) }
        if let scale { parameters.scale = scale }
        if let sigma { parameters.sigma = sigma }
        if let minSize { parameters.minSize = minSize }
        return parameters
    }

    func run() throws {
        let options = SuperpixelOptions(parameters: parameters(), shortSide: shortSide,
                                        maxPixels: Int(maxMegapixels * 1e6))
        try OutputCheck.file(output, option: "--output")
        if let overlay { try OutputCheck.file(overlay, option: "--overlay") }
        let picture = try decodeImage(path: image)
        let labels = try Superpixels.segment(picture, options: options)
        guard labels.count <= Int(UInt16.max) + 1 else {
            throw CLIFailure(message: "\(labels.count) segments do not fit a 16-bit PNG; raise --scale or --min-size")
        }
        let ids = labels.labels.map { UInt16(truncatingIfNeeded: $0) }
        let png = try encodePNG(gray16: ids, width: labels.width, height: labels.height)
        var overlayPNG: Data?
        if overlay != nil {
            let drawn = try BoundaryOverlay.draw(labels, on: picture)
            overlayPNG = try encodePNG(rgb8: drawn)
        }
        try writeFileAtomically(png, to: output)
        if let overlay, let overlayPNG { try writeFileAtomically(overlayPNG, to: overlay) }
        print(labels.count)
    }

    private func decodeImage(path: String) throws -> PixelImage {
        try PixelImage(contentsOfFile: path)
    }

    private func encodePNG(gray16 values: [UInt16], width: Int, height: Int) throws -> Data {
        try PNGEncoder.encode(UInt16Image(width: width, height: height, channels: 1, pixels: values))
    }

    private func encodePNG(rgb8 image: PixelImage) throws -> Data {
        try PNGEncoder.encode(image)
    }
}
