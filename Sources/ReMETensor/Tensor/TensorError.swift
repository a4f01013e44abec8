/// Errors raised by tensor operations on caller-supplied shapes.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    case shapeMismatch(operation: String, lhs: [Int], rhs: [Int])
    case invalidShape(operation: String, shape: [Int], expected: String)
    case elementCountMismatch(shape: [Int], count: Int)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "\(op): incompatible shapes \(lhs) and \(rhs)"
        case let .invalidShape(op, shape, expected):
            return "\(op): shape \(shape) is invalid, expected \(expected)"
        case let .elementCountMismatch(shape, count):
            return "shape \(shape) holds \(shape.reduce(1, *)) elements, got \(count)"
        }
    }
}
