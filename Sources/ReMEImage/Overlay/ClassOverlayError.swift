/// Why a class overlay could not be drawn.
public enum ClassOverlayError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The image has no pixels.
    case emptyImage(width: Int, height: Int)
    /// The class map does not hold one id per image pixel.
    case classMapSizeMismatch(expected: Int, found: Int, width: Int, height: Int)
    /// A class id is not an index into the class names.
    case classOutOfRange(classID: Int32, pixel: Int, classCount: Int)
    /// The palette is not a non-empty list of RGB triples.
    case invalidPalette(count: Int)
    /// The opacity is not a number in 0...1.
    case invalidOpacity(Float)
    /// The background class is not an index into the class names.
    case backgroundClassOutOfRange(Int, classCount: Int)
    /// The legend's fonts could not be loaded.
    case font(FontError)

    public var description: String {
        switch self {
        case let .emptyImage(width, height):
            return "cannot draw a class overlay on an empty \(width)×\(height) image"
        case let .classMapSizeMismatch(expected, found, width, height):
            return "class map has \(found) entries but the \(width)×\(height) image needs \(expected)"
        case let .classOutOfRange(classID, pixel, classCount):
            return "class map holds class id \(classID) at pixel \(pixel), but only \(classCount) class names were given (ids 0..<\(classCount), negative = unlabelled)"
        case let .invalidPalette(count):
            return "overlay palette has \(count) bytes; expected a non-zero multiple of 3 (RGB triples)"
        case let .invalidOpacity(value):
            return "overlay opacity \(value) is not in 0...1"
        case let .backgroundClassOutOfRange(index, classCount):
            return "background class \(index) is not one of the \(classCount) class names (0..<\(classCount))"
        case let .font(error):
            return "cannot draw the overlay legend: \(error)"
        }
    }
}
