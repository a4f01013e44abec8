import Foundation
import ReMEImage

/// Class-agnostic masks made by an external segmenter (SAM's automatic mask generator, SAM 2,
/// …) instead of Felzenszwalb: a COCO-style JSON list of RLE masks (`<name>.json`) or a label
/// map (`<name>.png`, 8- or 16-bit), either one file for one image or a folder with one file
/// per image named after the image (its path relative to the images folder, or its stem).
/// A JSON file's masks enter the method as they are, overlaps included (`OverlappingMasks`:
/// uncovered regions become masks of their own); `labels(for:width:height:)` flattens them as
/// `ExternalMasks` documents for callers that need a partition.
public struct MaskSource: Sendable {
    public let path: URL
    public let isFolder: Bool

    public init(path: String) throws(PipelineError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .labels("masks: \(path) does not exist")
        }
        self.path = URL(fileURLWithPath: path)
        self.isFolder = isDirectory.boolValue
    }

    /// The masks of `image` (named by its path relative to the images folder, or any path
    /// whose stem names it) as a label map of the image's size.
    public func labels(for image: String, width: Int, height: Int) throws -> SegmentLabels {
        let file = try file(for: image)
        if file.pathExtension.lowercased() == "json" {
            let data: Data
            do { data = try Data(contentsOf: file) } catch {
                throw PipelineError.labels("masks: cannot read \(file.path)")
            }
            return try ExternalMasks.labels(fromMaskJSON: data, width: width, height: height)
        }
        let map = try UInt16Image(labelMapOfPNGOrTIFF: file.path)
        return try ExternalMasks.labels(fromLabelMap: map.pixels, width: map.width, height: map.height)
            .checked(width: width, height: height, source: file.path)
    }

    /// The masks of `image` as the method uses them: a JSON file's masks overlapping, a label
    /// map as it is.
    public func masks(for image: String, width: Int, height: Int) throws -> SegmentMasks {
        let file = try file(for: image)
        guard file.pathExtension.lowercased() == "json" else {
            return try SegmentMasks(labels(for: image, width: width, height: height))
        }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw PipelineError.labels("masks: cannot read \(file.path)")
        }
        let masks = try ExternalMasks.masks(fromMaskJSON: data, width: width, height: height)
        return SegmentMasks(try OverlappingMasks(masks: masks, width: width, height: height))
    }

    /// The masks file of `image`: the single file, or the folder's file named after the image.
    public func file(for image: String) throws(PipelineError) -> URL {
        guard isFolder else { return path }
        let relative = (image as NSString).deletingPathExtension
        let stem = ((image as NSString).lastPathComponent as NSString).deletingPathExtension
        for base in [relative, stem] {
            for ext in ["json", "png", "tif"] {
                let candidate = path.appendingPathComponent("\(base).\(ext)")
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
        }
        throw .labels("masks: no \(relative).json or .png in \(path.path)")
    }
}

extension SegmentLabels {
    func checked(width: Int, height: Int, source: String) throws(PipelineError) -> SegmentLabels {
        guard self.width == width, self.height == height else {
            throw .labels("masks \(source) are \(self.width)×\(self.height), the image is \(width)×\(height)")
        }
        return self
    }
}
