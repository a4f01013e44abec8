import Foundation

/// `SamImageProcessor`'s settings from a folder's `preprocessor_config.json` (the defaults when
/// the file is missing). Only what transformers' defaults do is supported: bilinear resize of the
/// longest edge, rescale, normalise and square padding; anything else is refused by name.
extension SAMImageProcessor {
    public static func load(_ folder: ModelFolder) throws(ModelError) -> SAMImageProcessor {
        let url = folder.file("preprocessor_config.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return SAMImageProcessor() }
        let config = try decodeConfig(SAMPreprocessorConfig.self, from: try folder.data("preprocessor_config.json"), file: url.path)
        func refuse(_ reason: String) -> ModelError { .invalidConfig(file: url.path, reason: reason) }
        guard config.do_resize ?? true, config.do_rescale ?? true, config.do_normalize ?? true, config.do_pad ?? true else {
            throw refuse("SAM needs do_resize, do_rescale, do_normalize and do_pad (the only supported preprocessing)")
        }
        guard (config.resample ?? 2) == 2 else { throw refuse("resample \(config.resample ?? 2) is not bilinear (2)") }
        guard abs((config.rescale_factor ?? 1.0 / 255.0) - 1.0 / 255.0) < 1e-12 else {
            throw refuse("rescale_factor must be 1/255")
        }
        let longest = config.size?.longest_edge ?? 1024
        let pad = config.pad_size ?? .init(height: 1024, width: 1024)
        guard pad.height == pad.width, let side = pad.height, longest > 0, side >= longest else {
            throw refuse("pad_size must be square and hold size.longest_edge \(longest)")
        }
        let mean = config.image_mean ?? [0.485, 0.456, 0.406], std = config.image_std ?? [0.229, 0.224, 0.225]
        guard mean.count == 3, std.count == 3, std.allSatisfy({ $0 != 0 }) else {
            throw refuse("image_mean and image_std must hold 3 values (std non-zero)")
        }
        return SAMImageProcessor(longestEdge: longest, padSize: side, mean: mean, std: std)
    }
}

/// The keys of `SamImageProcessor`'s `preprocessor_config.json` that matter here.
struct SAMPreprocessorConfig: Decodable {
    struct Size: Decodable {
        var longest_edge: Int?
        var height: Int?
        var width: Int?
    }
    var do_resize: Bool?
    var do_rescale: Bool?
    var do_normalize: Bool?
    var do_pad: Bool?
    var resample: Int?
    var rescale_factor: Double?
    var size: Size?
    var pad_size: Size?
    var image_mean: [Float]?
    var image_std: [Float]?
}
