import Foundation
import ReMEImage

/// Writing predictions the way OVS tools read them.
public enum PredictionFiles {
    /// An indexed PNG (VOC palette) of class ids; a 16-bit gray PNG when there are more than
    /// 256 classes.
    public static func writeClassMap(_ result: SegmentationOutput, to path: String) throws {
        try writeClassMap(result.classMap, width: result.width, height: result.height,
                          classCount: result.classNames.count, to: path)
    }

    public static func writeClassMap(_ classMap: [Int32], width: Int, height: Int, classCount: Int, to path: String) throws {
        if classCount <= 256 {
            let image = PixelImage(width: width, height: height, channels: 1,
                                   pixels: classMap.map { UInt8(truncatingIfNeeded: $0) })
            try image.writeIndexedPNG(to: path)
        } else {
            let image = UInt16Image(width: width, height: height, channels: 1,
                                    pixels: classMap.map { UInt16(truncatingIfNeeded: $0) })
            try image.writePNG(to: path)
        }
    }

    /// The photo blended with class colours, boundaries between classes, and a legend of the
    /// classes present with their pixel shares. A label named "background" is the background
    /// class, the only one drawn in the palette's entry 0 (black); see `ClassColors`.
    public static func overlay(_ result: SegmentationOutput, photo: PixelImage) throws(ClassOverlayError) -> PixelImage {
        try ClassOverlay.render(image: photo, classMap: result.classMap, classNames: result.classNames,
                                backgroundClass: BackgroundRule.classIndex(in: result.classNames))
    }

    /// `overlay(result, photo:)` written as a PNG.
    public static func writeOverlay(_ result: SegmentationOutput, photo: PixelImage, to path: String) throws {
        try overlay(result, photo: photo).writePNG(to: path)
    }

    /// The JSON summary of one prediction.
    public static func report(_ result: SegmentationOutput, image: String, output: String) -> [String: Any] {
        let classes = result.classSummary().map { entry -> [String: Any] in
            ["name": entry.name, "share": entry.share, "mean_confidence": entry.confidence]
        }
        return ["image": image, "output": output, "width": result.width, "height": result.height,
                "segments": result.segments.count, "classes": classes,
                "timings_seconds": ["segmenting": result.timings.segmenting, "visual_features": result.timings.visualFeatures,
                                    "retrieval": result.timings.retrieval, "painting": result.timings.painting]]
    }
}
