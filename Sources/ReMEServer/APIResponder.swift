import Foundation
import Hummingbird
import ReME
import ReMEImage

/// Routes requests of `reme serve` (docs/serve.md) and turns every failure into the JSON error
/// shape. A hand-written switch rather than Hummingbird's router, so that 404 and 405 (with
/// Allow) are decided in one place and answered like every other error.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let configuration: ServerConfiguration
    let segmenter: any ImageSegmenting
    let pool: WorkerPool
    let state: ServerState
    /// The `/v1/info` document (models, fingerprints, reference set), made once at start.
    let info: Data

    /// Path → allowed methods.
    static let routes: [String: [HTTPRequest.Method]] = [
        "/": [.get], "/openapi.json": [.get], "/healthz": [.get], "/readyz": [.get], "/v1/info": [.get], "/v1/segment": [.post],
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await route(request)
        } catch let error as ServeError {
            return Self.response(error)
        } catch {
            return Self.response(.internalError("the request failed: \(type(of: error))"))
        }
    }

    private func route(_ request: Request) async throws -> Response {
        let path = request.uri.path
        guard let methods = Self.routes[path] else { throw ServeError.notFound(path) }
        guard methods.contains(request.method) else {
            throw ServeError.methodNotAllowed(request.method.rawValue, allow: methods.map(\.rawValue))
        }
        if path.hasPrefix("/v1/") { try authorize(request) }
        switch path {
        case "/": return Self.response(200, type: "text/html; charset=utf-8", Data(WebPage.html.utf8))
        case "/openapi.json": return Self.response(200, type: "application/json", Data(OpenAPIDocument.json.utf8))
        case "/healthz": return Self.json(200, ["status": "ok"])
        case "/readyz":
            let load = pool.load
            if state.isStopping { throw ServeError.notReady }
            return Self.json(200, ["status": "ready", "running": load.running, "waiting": load.waiting])
        case "/v1/info": return Self.response(200, type: "application/json", info)
        default: return try await segment(request)
        }
    }

    private func authorize(_ request: Request) throws(ServeError) {
        guard let token = configuration.token else { return }
        let given = request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), constantTimeEqual(Array(given.dropFirst(7).utf8), Array(token.utf8)) else {
            throw .unauthorized
        }
    }

    private func segment(_ request: Request) async throws -> Response {
        let arrival = Date()
        let limits = configuration.limits
        let body = try await collect(request.body, contentLength: request.headers[.contentLength], limit: limits.maxBodyBytes)
        let parsed = try SegmentRequest.parse(body: body, contentType: request.headers[.contentType],
                                              query: decodeQuery(request.uri.query), limits: limits)
        let segmenter = self.segmenter
        let pool = self.pool
        let data = try await withDeadline(seconds: limits.requestTimeout) {
            try await pool.run { () throws -> Data in
                let started = Date()
                let photo: PixelImage
                do throws(ImageError) {
                    photo = try PixelImage(decoding: Data(parsed.image), source: "request",
                                           options: ImageDecodingOptions(maxPixels: limits.maxPixels))
                } catch { throw Self.imageError(error) }
                let decoded = Date()
                let result = try segmenter.segment(photo, labels: parsed.labels, settings: parsed.settings)
                return try SegmentResponse(queueMilliseconds: started.timeIntervalSince(arrival) * 1000,
                                           decodeMilliseconds: decoded.timeIntervalSince(started) * 1000)
                    .json(result, photo: photo, labels: parsed.labels)
            }
        }
        return Self.response(200, type: "application/json", data)
    }

    /// The body, refused with 413 as soon as it passes `limit` bytes (or announces more).
    private func collect(_ body: RequestBody, contentLength: String?, limit: Int) async throws -> [UInt8] {
        if let contentLength, let announced = Int(contentLength), announced > limit {
            throw ServeError.tooLarge("the body has \(announced) bytes, more than the limit of \(limit)")
        }
        var bytes: [UInt8] = []
        for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw ServeError.tooLarge("the body has more than the limit of \(limit) bytes")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// Decoder failures: not an image 415, too many pixels 413, anything else 400.
    static func imageError(_ error: ImageError) -> ServeError {
        switch error {
        case .unknownFormat, .empty: return .unsupportedMedia("the body is not a JPEG or PNG image")
        case let .tooLarge(_, width, height, limit):
            return .tooLarge("the image is \(width)×\(height) pixels, more than the limit of \(limit) pixels")
        default: return .badRequest("bad_image", "the image cannot be decoded: \(error.description.replacingOccurrences(of: "'request' ", with: ""))")
        }
    }

    static func response(_ error: ServeError) -> Response {
        var response = response(error.status, type: "application/json", error.body)
        if let retry = error.retryAfter { response.headers[.retryAfter] = String(retry) }
        if let allow = error.allow { response.headers[.allow] = allow.joined(separator: ", ") }
        if error.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        response(status, type: "application/json", (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }

    static func response(_ status: Int, type: String, _ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentLength] = String(data.count)
        headers[.cacheControl] = "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Compares secrets without an early exit on the first difference.
func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    var difference = UInt8(a.count == b.count ? 0 : 1)
    for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
    return difference == 0
}
