import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Streams one HTTP GET into a file, appending from `startOffset` with a Range request.
/// Reports bytes as they arrive; the outcome says what the server did.
final class HubFileDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome {
        case finished(status: Int, bytesOnDisk: Int64)
        case rangeNotSatisfiable
        case httpError(status: Int, retryAfter: TimeInterval?)
        case transportError(String, bytesOnDisk: Int64)
    }

    private let destination: URL
    private var handle: FileHandle?
    private var offset: Int64
    private var status = 0
    private var retryAfter: TimeInterval?
    private var writeError: String?
    private let onBytes: @Sendable (Int64) -> Void
    private var continuation: CheckedContinuation<Outcome, Never>?

    init(destination: URL, startOffset: Int64, onBytes: @escaping @Sendable (Int64) -> Void) {
        self.destination = destination
        self.offset = startOffset
        self.onBytes = onBytes
    }

    func run(url: URL, headers: [String: String], timeout: TimeInterval) async -> Outcome {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if offset > 0 { request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { c in
            continuation = c
            session.dataTask(with: request).resume()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode ?? 0
        if let value = http?.value(forHTTPHeaderField: "Retry-After") { retryAfter = TimeInterval(value) }
        guard status == 200 || status == 206 else { completionHandler(.cancel); return }
        do {
            if !FileManager.default.fileExists(atPath: destination.path) {
                _ = FileManager.default.createFile(atPath: destination.path, contents: nil)
            }
            let h = try FileHandle(forWritingTo: destination)
            if status == 200 {  // the server ignored our Range: start over
                try h.truncate(atOffset: 0)
                offset = 0
            } else {
                try h.seek(toOffset: UInt64(offset))
            }
            handle = h
            completionHandler(.allow)
        } catch {
            writeError = "cannot write \(destination.path): \(error.localizedDescription)"
            completionHandler(.cancel)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let handle, writeError == nil else { return }
        do {
            try handle.write(contentsOf: data)
            offset += Int64(data.count)
            onBytes(Int64(data.count))
        } catch {
            writeError = "cannot write \(destination.path): \(error.localizedDescription)"
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
        let outcome: Outcome
        if let writeError {
            outcome = .transportError(writeError, bytesOnDisk: offset)
        } else if status == 416 {
            outcome = .rangeNotSatisfiable
        } else if status != 200 && status != 206 && status != 0 {
            outcome = .httpError(status: status, retryAfter: retryAfter)
        } else if let error {
            outcome = .transportError(error.localizedDescription, bytesOnDisk: offset)
        } else {
            outcome = .finished(status: status, bytesOnDisk: offset)
        }
        continuation?.resume(returning: outcome)
        continuation = nil
    }
}
