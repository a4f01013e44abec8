import Foundation

/// A request the server refuses or could not answer, with the HTTP status it is answered with.
/// Every error leaves the server as `{"error": {"code": "...", "message": "..."}}` (docs/serve.md):
/// never a stack trace, never an internal path.
public struct ServeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    /// A stable machine-readable name (`bad_image`, `queue_full`, …).
    public var code: String
    public var message: String
    /// Seconds a client should wait before retrying (503 only).
    public var retryAfter: Int?
    /// Methods the path allows (405 only).
    public var allow: [String]?

    public init(status: Int, code: String, message: String, retryAfter: Int? = nil, allow: [String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.allow = allow
    }

    public var description: String { "\(status) \(code): \(message)" }

    public static func badRequest(_ code: String, _ message: String) -> ServeError {
        ServeError(status: 400, code: code, message: message)
    }
    public static let unauthorized = ServeError(status: 401, code: "unauthorized",
                                                message: "this server needs 'Authorization: Bearer <token>'")
    public static func notFound(_ path: String) -> ServeError {
        ServeError(status: 404, code: "not_found", message: "no route \(path)")
    }
    public static func methodNotAllowed(_ method: String, allow: [String]) -> ServeError {
        ServeError(status: 405, code: "method_not_allowed", message: "\(method) is not allowed here; use \(allow.joined(separator: ", "))",
                   allow: allow)
    }
    public static func tooLarge(_ message: String) -> ServeError {
        ServeError(status: 413, code: "too_large", message: message)
    }
    public static func unsupportedMedia(_ message: String) -> ServeError {
        ServeError(status: 415, code: "unsupported_media_type", message: message)
    }
    public static func overloaded(retryAfter: Int) -> ServeError {
        ServeError(status: 503, code: "overloaded", message: "the inference queue is full; retry later", retryAfter: retryAfter)
    }
    public static let notReady = ServeError(status: 503, code: "not_ready", message: "the server is shutting down", retryAfter: 1)
    public static func timeout(seconds: Double) -> ServeError {
        ServeError(status: 504, code: "timeout", message: String(format: "the request took longer than %.1f s", seconds))
    }
    public static func internalError(_ message: String) -> ServeError {
        ServeError(status: 500, code: "internal", message: message)
    }

    /// The JSON body.
    public var body: Data {
        let object: [String: Any] = ["error": ["code": code, "message": message]]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
