import Foundation

/// `preprocessor_config.json` of a CLIP (`CLIPImageProcessor`) or DINOv2 (`BitImageProcessor`)
/// folder. `size` and `crop_size` may be a number (old OpenAI files) or a dictionary.
public struct PreprocessorConfig: Decodable, Sendable, Equatable {
    public enum Size: Sendable, Equatable {
        case shortestEdge(Int)
        case exact(height: Int, width: Int)
    }

    public var doResize: Bool
    public var size: Size
    /// PIL resampling filter id: 2 bilinear, 3 bicubic.
    public var resample: Int
    public var doCenterCrop: Bool
    public var cropHeight: Int
    public var cropWidth: Int
    public var doRescale: Bool
    public var rescaleFactor: Double
    public var doNormalize: Bool
    public var imageMean: [Float]
    public var imageStd: [Float]

    enum CodingKeys: String, CodingKey {
        case doResize = "do_resize", size, resample, doCenterCrop = "do_center_crop", cropSize = "crop_size"
        case doRescale = "do_rescale", rescaleFactor = "rescale_factor", doNormalize = "do_normalize"
        case imageMean = "image_mean", imageStd = "image_std"
    }

    struct SizeDictionary: Decodable {
        var shortest_edge: Int?
        var height: Int?
        var width: Int?
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doResize = try c.decodeIfPresent(Bool.self, forKey: .doResize) ?? true
        if let n = try? c.decodeIfPresent(Int.self, forKey: .size) {
            size = .shortestEdge(n)
        } else if let d = try c.decodeIfPresent(SizeDictionary.self, forKey: .size) {
            if let n = d.shortest_edge {
                size = .shortestEdge(n)
            } else if let h = d.height, let w = d.width {
                size = .exact(height: h, width: w)
            } else {
                throw DecodingError.dataCorruptedError(forKey: .size, in: c,
                    debugDescription: "size needs shortest_edge or height and width")
            }
        } else {
            size = .shortestEdge(224)
        }
        resample = try c.decodeIfPresent(Int.self, forKey: .resample) ?? 3
        doCenterCrop = try c.decodeIfPresent(Bool.self, forKey: .doCenterCrop) ?? true
        if let n = try? c.decodeIfPresent(Int.self, forKey: .cropSize) {
            (cropHeight, cropWidth) = (n, n)
        } else if let d = try c.decodeIfPresent(SizeDictionary.self, forKey: .cropSize), let h = d.height, let w = d.width {
            (cropHeight, cropWidth) = (h, w)
        } else {
            (cropHeight, cropWidth) = (224, 224)
        }
        doRescale = try c.decodeIfPresent(Bool.self, forKey: .doRescale) ?? true
        rescaleFactor = try c.decodeIfPresent(Double.self, forKey: .rescaleFactor) ?? 1.0 / 255.0
        doNormalize = try c.decodeIfPresent(Bool.self, forKey: .doNormalize) ?? true
        imageMean = try c.decodeIfPresent([Float].self, forKey: .imageMean) ?? [0.48145466, 0.4578275, 0.40821073]
        imageStd = try c.decodeIfPresent([Float].self, forKey: .imageStd) ?? [0.26862954, 0.26130258, 0.27577711]
    }

    public static func parse(_ data: Data, file: String = "preprocessor_config.json") throws(ModelError) -> PreprocessorConfig {
        let config = try decodeConfig(PreprocessorConfig.self, from: data, file: file)
        guard config.imageMean.count == 3, config.imageStd.count == 3, config.imageStd.allSatisfy({ $0 != 0 }) else {
            throw .invalidConfig(file: file, reason: "image_mean and image_std must hold 3 values (std non-zero)")
        }
        return config
    }
}
