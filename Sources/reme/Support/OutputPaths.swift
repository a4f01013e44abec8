import Foundation
import ReME

/// Where each image's prediction (and overlay) goes: the given file for one image, else
/// `<folder>/<image stem>.png`. Every path is checked when this is made, before any work.
struct OutputPaths {
    var predictions: [String]
    var overlays: [String]?
    /// Folders to create before the first write (none when single files are written).
    private var folders: [String] = []

    init(images: [String], output: String, overlay: String?) throws(CLIFailure) {
        predictions = try Self.paths(images: images, target: output, option: "--output", folders: &folders)
        if let overlay {
            let paths = try Self.paths(images: images, target: overlay, option: "--overlay", folders: &folders)
            if let clash = zip(predictions, paths).first(where: { $0.0 == $0.1 }) {
                throw CLIFailure(message: "--output and --overlay both name \(clash.0)")
            }
            overlays = paths
            // The legend needs a font: a missing one is reported before any model runs.
            do { _ = try FontDiscovery.fontFiles() } catch { throw CLIFailure(message: "--overlay: \(error)") }
        }
    }

    private static func paths(images: [String], target: String, option: String,
                              folders: inout [String]) throws(CLIFailure) -> [String] {
        if images.count == 1 && !target.hasSuffix("/") && !isDirectory(target) {
            try OutputCheck.file(target, option: option)
            return [target]
        }
        if images.count > 1, FileManager.default.fileExists(atPath: target), !isDirectory(target) {
            throw CLIFailure(message: "\(option) \(target) is a file, but \(images.count) images need a folder")
        }
        try OutputCheck.folder(target, option: option)
        let stems = images.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        if let duplicate = Dictionary(grouping: stems, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw CLIFailure(message: "two images are named '\(duplicate)': their \(option) files would collide")
        }
        folders.append(target)
        return stems.map { (target as NSString).appendingPathComponent($0 + ".png") }
    }

    /// Writes image `index`'s prediction and overlay, both or neither: when the overlay
    /// cannot be written, the prediction just written is removed again.
    func write(_ result: SegmentationOutput, photo: PixelImage, at index: Int) throws {
        for folder in folders {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw CLIFailure(message: "cannot create the folder \(folder): "
                                 + (FoundationErrorMessage.text(for: error as NSError) ?? "\(error)"))
            }
        }
        let prediction = predictions[index]
        try PredictionFiles.writeClassMap(result, to: prediction)
        guard let overlay = overlays?[index] else { return }
        do {
            try PredictionFiles.writeOverlay(result, photo: photo, to: overlay)
        } catch {
            try? FileManager.default.removeItem(atPath: prediction)
            throw error
        }
    }
}
