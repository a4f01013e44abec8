import Foundation
@testable import ReME
import ReMEImage
@testable import ReMEServer
import ReMETensor
import ServiceLifecycle
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer as a test sees it.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
    /// `error.code` of the JSON error shape, nil when the body is not that shape.
    var errorCode: String? {
        guard let error = json?["error"] as? [String: Any], error["message"] is String else { return nil }
        return error["code"] as? String
    }
    func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
}

/// A loopback HTTP client (Foundation's URLSession; no keep-alive reuse between tests).
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 120
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()

    static func send(_ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> HTTPReply {
        guard let address = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: address)
        request.httpMethod = method
        request.httpBody = body
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields["\(k)"] = "\(v)" }
        return HTTPReply(status: http.statusCode, headers: fields, body: data)
    }
}

/// A `multipart/form-data` body as browsers write it.
struct MultipartBody {
    static let boundary = "----remeTestBoundary7MA4YWxkTrZu0gW"
    var contentType: String { "multipart/form-data; boundary=\(Self.boundary)" }
    var data = Data()

    mutating func field(_ name: String, _ value: String) {
        data.append(Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }
    mutating func file(_ name: String, _ bytes: Data, type: String = "image/png") {
        data.append(Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"x\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        data.append(bytes)
        data.append(Data("\r\n".utf8))
    }
    func finished() -> Data { data + Data("--\(Self.boundary)--\r\n".utf8) }

    static func form(image: Data, labels: String, extra: [String: String] = [:]) -> MultipartBody {
        var body = MultipartBody()
        body.file("image", image)
        body.field("labels", labels)
        for (k, v) in extra.sorted(by: { $0.key < $1.key }) { body.field(k, v) }
        return body
    }
}

/// A segmenter without models: the left half of the image is the first label, the right half the
/// second (or the first again), after `delay` seconds of "inference".
struct HalvesSegmenter: ImageSegmenting {
    var delay: Double = 0

    func segment(_ image: PixelImage, labels: [String], settings: SegmentSettings) throws -> SegmentationOutput {
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let w = image.width, h = image.height
        var raw = [Int32](repeating: 0, count: w * h)
        for y in 0..<h { for x in 0..<w { raw[y * w + x] = x < w / 2 ? 0 : 1 } }
        let segments = try SegmentLabels(width: w, height: h, renumbering: raw)
        let c = labels.count
        let right = Int32(min(1, c - 1))
        var scores = [Float](repeating: 0.1, count: segments.count * c)
        for s in 0..<segments.count { scores[s * c + (s == 0 ? 0 : Int(right))] = 0.9 }
        let classMap = segments.labels.map { $0 == 0 ? Int32(0) : right }
        return SegmentationOutput(width: w, height: h, classMap: classMap, segments: segments,
                                  segmentScores: try Tensor(shape: [segments.count, c], data: scores), classNames: labels,
                                  timings: StageTimings())
    }
}

/// A server on an ephemeral loopback port, run in this process.
final class RunningServer: Sendable {
    let group: ServiceGroup
    let port: Int
    let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    private init(group: ServiceGroup, port: Int, task: Task<Void, any Error>) {
        self.group = group
        self.port = port
        self.task = task
    }

    static func start(_ segmenter: any ImageSegmenting, token: String? = nil, limits: ServerLimits = ServerLimits(),
                      info: Data = Data("{\"api_version\":1}".utf8)) async throws -> RunningServer {
        let server = SegmentServer(configuration: ServerConfiguration(host: "127.0.0.1", port: 0, token: token, limits: limits),
                                   segmenter: segmenter, info: info)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = server.serviceGroup(signals: []) { _, port in continuation.yield(port) }
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports { port = p; break }
        return RunningServer(group: group, port: port, task: task)
    }

    /// Graceful shutdown; returns once the server has stopped.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

enum ServeFixtures {
    /// A small RGB PNG (a gradient).
    static func png(width: Int = 64, height: Int = 48) throws -> Data {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                pixels[i] = UInt8(x * 255 / max(1, width - 1)); pixels[i + 1] = UInt8(y * 255 / max(1, height - 1)); pixels[i + 2] = 90
            }
        }
        return try PNGEncoder.encode(PixelImage(width: width, height: height, channels: 3, pixels: pixels))
    }

    /// Resident memory of this process in KiB (VmRSS of /proc/self/status).
    static func residentKiB(pid: String = "self") -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// The class ids of a label PNG (read through a file, as `reme segment`'s output is).
    static func labelMap(_ png: Data) throws -> UInt16Image {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reme-serve-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try png.write(to: URL(fileURLWithPath: path))
        return try UInt16Image(labelMapOfFile: path)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
