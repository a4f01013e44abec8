import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) for client tests: one background
/// thread, one connection at a time, `Connection: close`, at most `maxRequests` requests and
/// `lifetime` seconds, then it stops by itself.
final class LocalHTTPServer: @unchecked Sendable {
    /// What to do with the n-th request (0-based).
    enum Behavior: Sendable {
        case respond(status: Int, headers: [String: String], body: String)
        /// Wait, then respond (to outlast the client's timeout).
        case delay(seconds: Double, status: Int, body: String)
        /// Send the status line, headers and half the body, then close the connection.
        case cutMidResponse(body: String)
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data
    }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private let behavior: @Sendable (Int, Request) -> Behavior
    private var thread: Thread?

    var requests: [Request] { lock.withLock { received } }

    init(maxRequests: Int = 32, lifetime: Double = 30, behavior: @escaping @Sendable (Int, Request) -> Behavior) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        self.behavior = behavior
        let deadline = Date().addingTimeInterval(lifetime)
        let worker = Thread { [self] in self.serve(maxRequests: maxRequests, deadline: deadline) }
        thread = worker
        worker.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    deinit { close(listener) }

    private func serve(maxRequests: Int, deadline: Date) {
        var served = 0
        while served < maxRequests && Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0 || (poller.revents & Int16(POLLERR | POLLHUP | POLLNVAL)) != 0 { return }
            if ready == 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            guard let request = readRequest(client) else { close(client); continue }
            lock.withLock { received.append(request) }
            let action = behavior(served, request)
            served += 1
            if case .delay = action {
                // Answer late on its own thread so that retries are served meanwhile.
                Thread.detachNewThread { [self] in self.respond(client, action); close(client) }
            } else {
                respond(client, action)
                close(client)
            }
        }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>? = nil
        var contentLength = 0
        while true {
            if headerEnd == nil, let found = buffer.range(of: separator) {
                headerEnd = found
                let head = String(decoding: buffer[..<found.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n").dropFirst() {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    if parts.count == 2, parts[0].lowercased() == "content-length" {
                        contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                }
            }
            if let headerEnd, buffer.count - headerEnd.upperBound >= contentLength { break }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first.map { $0.split(separator: " ") } ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Request(method: requestLine.count > 0 ? String(requestLine[0]) : "",
                       path: requestLine.count > 1 ? String(requestLine[1]) : "",
                       headers: headers,
                       body: Data(buffer[headerEnd.upperBound...].prefix(contentLength)))
    }

    private func respond(_ fd: Int32, _ behavior: Behavior) {
        switch behavior {
        case .respond(let status, let headers, let body):
            send(fd, status: status, headers: headers, body: Data(body.utf8))
        case .delay(let seconds, let status, let body):
            Thread.sleep(forTimeInterval: seconds)
            send(fd, status: status, headers: [:], body: Data(body.utf8))
        case .cutMidResponse(let body):
            let bytes = Data(body.utf8)
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
            write(fd, Data(head.utf8) + bytes.prefix(bytes.count / 2))
            // RST instead of FIN: a connection dropped mid-body.
            var hard = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
        }
    }

    private func send(_ fd: Int32, status: Int, headers: [String: String], body: Data) {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Status")\r\nContent-Type: application/json\r\n"
        for (key, value) in headers { head += "\(key): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        write(fd, Data(head.utf8) + body)
    }

    private func write(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// A chat-completions answer whose message content is `text`.
    static func completion(_ text: String) -> String {
        let escaped = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"# + escaped + #"},"finish_reason":"stop"}]}"#
    }
}
