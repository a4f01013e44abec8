/// Errors raised by the ReME method on caller-supplied data.
public enum MethodError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidMasks(String)
    case shapeMismatch(what: String, expected: String, found: [Int])
    case invalidParameter(name: String, value: String, expected: String)
    case encoderOutput(encoder: String, expected: String, found: [Int])
    case labelMapSize(prediction: Int, groundTruth: Int)
    case emptyReferenceSet
    case invalidReferenceSet(String)

    public var description: String {
        switch self {
        case let .invalidMasks(detail):
            return "invalid segment masks: \(detail)"
        case let .shapeMismatch(what, expected, found):
            return "\(what): expected shape \(expected), found \(found)"
        case let .invalidParameter(name, value, expected):
            return "parameter \(name) = \(value) is invalid, expected \(expected)"
        case let .encoderOutput(encoder, expected, found):
            return "\(encoder) returned shape \(found), expected \(expected)"
        case let .labelMapSize(p, g):
            return "prediction has \(p) pixels but the ground truth has \(g)"
        case .emptyReferenceSet:
            return "the reference set is empty: every pair was filtered out"
        case let .invalidReferenceSet(detail):
            return "invalid reference set: \(detail)"
        }
    }
}
