import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests of network clients.
/// One request per connection, each on its own thread. Bounded: it stops by itself after
/// `maxRequests` requests or `lifetime` seconds, or with `stop()`.
public final class LocalHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]  // lower-cased names
        public var body: Data
    }

    public enum Reply: Sendable {
        case respond(status: Int, headers: [String: String], body: Data)
        /// Announces the whole body's length, sends only `bytes` of it, then resets the
        /// connection (a transfer dropped mid-body).
        case cutAfter(bytes: Int, status: Int, headers: [String: String], body: Data)
        /// Waits before answering (to exercise client timeouts).
        indirect case delayed(seconds: Double, Reply)
        /// Closes the connection without answering.
        case close
    }

    public let port: UInt16
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let listener: Int32
    private let handler: @Sendable (Int, Request) -> Reply
    private let lock = NSLock()
    private var stopped = false
    private var received: [Request] = []
    private let maxRequests: Int
    private let deadline: Date

    /// Every request received so far, in arrival order.
    public var requests: [Request] { lock.lock(); defer { lock.unlock() }; return received }

    /// - Parameter handler: answers request number `index` (0-based, arrival order).
    public init(maxRequests: Int = 64, lifetime: Double = 60,
                handler: @escaping @Sendable (_ index: Int, _ request: Request) -> Reply) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        self.handler = handler
        self.maxRequests = maxRequests
        self.deadline = Date().addingTimeInterval(lifetime)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func acceptLoop() {
        var accepted = 0
        while !isStopped && accepted < maxRequests && Date() < deadline {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0 || (poller.revents & Int16(POLLERR | POLLHUP | POLLNVAL)) != 0 { break }
            if ready == 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { break }
            accepted += 1
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
        stop()
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(fd) else { return }
        lock.lock()
        let index = received.count
        received.append(request)
        lock.unlock()
        send(handler(index, request), on: fd)
    }

    private func send(_ reply: Reply, on fd: Int32) {
        switch reply {
        case .close:
            return
        case let .delayed(seconds, inner):
            Thread.sleep(forTimeInterval: seconds)
            send(inner, on: fd)
        case let .respond(status, headers, body):
            writeAll(fd, head(status: status, headers: headers, length: body.count) + body)
        case let .cutAfter(bytes, status, headers, body):
            writeAll(fd, head(status: status, headers: headers, length: body.count) + body.prefix(bytes))
            var hard = linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
        }
    }

    private func head(status: Int, headers: [String: String], length: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
        var all = headers
        all["Content-Length"] = all["Content-Length"] ?? String(length)
        all["Connection"] = "close"
        for (k, v) in all.sorted(by: { $0.key < $1.key }) { text += "\(k): \(v)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            if buffer.count > 1 << 20 { return nil }
        }
        guard let end = buffer.range(of: separator),
              let headText = String(data: buffer[..<end.lowerBound], encoding: .utf8) else { return nil }
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[end.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let n = recv(fd, &chunk, min(chunk.count, length - body.count), 0)
            if n <= 0 { break }
            body.append(contentsOf: chunk[0..<n])
        }
        return Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body)
    }
}
