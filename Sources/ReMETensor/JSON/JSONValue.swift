/// A parsed JSON value, as read from safetensors headers and shard indexes.
enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// An integer literal (no fraction or exponent) that fits in `Int`.
    case integer(Int)
    /// Any other number: has a fraction or exponent, or is an integer too large for `Int`.
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// A short name of the JSON type, for error messages.
    var typeName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .integer, .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

extension JSONValue {
    /// Compact JSON text of the value, for error messages (strings are quoted).
    var compactText: String {
        switch self {
        case let .object(members):
            return "{" + members.map { JSONWriter.quoted($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        case let .array(elements):
            return "[" + elements.map(\.compactText).joined(separator: ",") + "]"
        case let .string(s): return JSONWriter.quoted(s)
        case let .integer(i): return String(i)
        case let .number(d): return String(d)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}
