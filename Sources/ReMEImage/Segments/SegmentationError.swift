/// Why segmenting, importing or pooling masks failed.
public enum SegmentationError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyImage(width: Int, height: Int)
    case tooLarge(width: Int, height: Int, maxPixels: Int)
    case invalidParameter(name: String, value: String, expected: String)
    case nonFiniteInput
    case unsupportedChannels(Int)
    case sizeMismatch(what: String, expectedWidth: Int, expectedHeight: Int, foundWidth: Int, foundHeight: Int)
    case invalidLabels(String)
    case malformedRLE(index: Int, reason: String)
    case malformedMaskFile(String)
    case shapeMismatch(what: String, expected: String, found: [Int])

    public var description: String {
        switch self {
        case let .emptyImage(width, height):
            "cannot segment an empty image (\(width)×\(height))"
        case let .tooLarge(width, height, maxPixels):
            "image \(width)×\(height) has \(width * height) pixels, more than the limit of \(maxPixels) "
                + "(Felzenszwalb needs about 140 bytes per pixel); downscale it first"
        case let .invalidParameter(name, value, expected):
            "invalid \(name) \(value): expected \(expected)"
        case .nonFiniteInput:
            "image contains NaN or infinite values"
        case let .unsupportedChannels(channels):
            "unsupported channel count \(channels): expected 1 (gray), 3 (RGB) or 4 (RGBA)"
        case let .sizeMismatch(what, ew, eh, fw, fh):
            "\(what) is \(fw)×\(fh) but the image is \(ew)×\(eh)"
        case let .invalidLabels(reason):
            "invalid label map: \(reason)"
        case let .malformedRLE(index, reason):
            "malformed RLE in mask \(index): \(reason)"
        case let .malformedMaskFile(reason):
            "malformed mask file: \(reason)"
        case let .shapeMismatch(what, expected, found):
            "\(what) has shape \(found), expected \(expected)"
        }
    }
}
