import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP as the hub fetcher needs it (a protocol so tests can serve files without a network).
public protocol HubTransport: Sendable {
    /// The body of a small GET.
    func get(_ url: URL, headers: [String: String]) throws -> Data
    /// Streams a GET body asked from byte `offset`: calls `begin` once with the byte the body
    /// really starts at (`offset` when the server honoured the range, else 0), then `sink` per chunk.
    func download(_ url: URL, headers: [String: String], from offset: Int64,
                  begin: @escaping (Int64) throws -> Void, into sink: @escaping (Data) throws -> Void) throws
}

public struct HubHTTPError: Error, CustomStringConvertible {
    public var url: URL
    public var status: Int?
    public var reason: String
    public var description: String {
        "\(url.absoluteString): " + (status.map { "HTTP \($0)" } ?? reason)
    }
}

/// `HubTransport` on URLSession, streaming downloads to the caller chunk by chunk.
public struct URLSessionHubTransport: HubTransport {
    public init() {}

    public func get(_ url: URL, headers: [String: String]) throws -> Data {
        let body = DataBox()
        try download(url, headers: headers, from: 0, begin: { _ in }, into: { body.data.append($0) })
        return body.data
    }

    public func download(_ url: URL, headers: [String: String], from offset: Int64,
                         begin: @escaping (Int64) throws -> Void, into sink: @escaping (Data) throws -> Void) throws {
        var request = URLRequest(url: url)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let stream = StreamingDelegate(offset: offset, begin: begin, sink: sink)
        let session = URLSession(configuration: .default, delegate: stream, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        stream.done.wait()
        if let error = stream.failure {
            throw HubHTTPError(url: url, status: nil, reason: (error as NSError).localizedDescription)
        }
        guard let status = stream.status, (200..<300).contains(status) else {
            throw HubHTTPError(url: url, status: stream.status, reason: "no response")
        }
    }
}

private final class DataBox: @unchecked Sendable { var data = Data() }

private final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    let offset: Int64
    let begin: (Int64) throws -> Void
    let sink: (Data) throws -> Void
    var status: Int?
    var failure: Error?

    init(offset: Int64, begin: @escaping (Int64) throws -> Void, sink: @escaping (Data) throws -> Void) {
        self.offset = offset
        self.begin = begin
        self.sink = sink
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode
        let ok = status.map { (200..<300).contains($0) } == true
        if ok {
            do { try begin(status == 206 ? offset : 0) } catch { failure = error }
        }
        completionHandler(ok && failure == nil ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil else { return }
        do { try sink(data) } catch {
            failure = error
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if failure == nil, let error, (status.map { (200..<300).contains($0) } ?? true) { failure = error }
        done.signal()
    }
}
