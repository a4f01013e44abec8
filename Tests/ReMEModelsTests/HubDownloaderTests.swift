import Foundation
import Testing
@testable import ReMEModels
import ReMETestSupport

/// A fake hub that serves one repository and records the requests it sees.
final class FakeHub: @unchecked Sendable {
    let commit = "0123456789abcdef0123456789abcdef01234567"
    let config = Data(#"{"model_type": "clip"}"#.utf8)
    let weights = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) })
    var announcedSHA: String
    var cutFirstWeightsRequestAt: Int?
    var failFirstWithStatus: Int?
    private let lock = NSLock()
    private(set) var log: [LocalHTTPServer.Request] = []

    init() { announcedSHA = SHA256.hex(of: weights) }

    var resolveRequests: [LocalHTTPServer.Request] { lock.lock(); defer { lock.unlock() }; return log.filter { $0.path.contains("/resolve/") } }

    func handle(_ r: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        lock.lock()
        log.append(r)
        let firstWeights = log.filter { $0.path.hasSuffix("model.safetensors") }.count == 1
        lock.unlock()
        if r.path.hasPrefix("/api/models/org/tiny/revision/main") {
            let json: [String: Any] = ["sha": commit, "siblings": [
                ["rfilename": "config.json", "size": config.count, "blobId": String(repeating: "a", count: 40)],
                ["rfilename": "model.safetensors", "size": weights.count, "blobId": String(repeating: "b", count: 40),
                 "lfs": ["sha256": announcedSHA, "size": weights.count, "pointerSize": 134]],
                ["rfilename": "pytorch_model.bin", "size": 10],
                ["rfilename": "README.md", "size": 5],
            ]]
            return .respond(status: 200, headers: ["Content-Type": "application/json"],
                            body: (try? JSONSerialization.data(withJSONObject: json)) ?? Data())
        }
        if r.path.hasPrefix("/api/models/") { return .respond(status: 404, headers: [:], body: Data("not found".utf8)) }
        let prefix = "/org/tiny/resolve/\(commit)/"
        guard r.path.hasPrefix(prefix) else { return .respond(status: 404, headers: [:], body: Data()) }
        let file = String(r.path.dropFirst(prefix.count))
        let body: Data
        switch file {
        case "config.json": body = config
        case "model.safetensors": body = weights
        default: return .respond(status: 404, headers: [:], body: Data())
        }
        if file == "model.safetensors" && firstWeights {
            if let status = failFirstWithStatus { return .respond(status: status, headers: [:], body: Data()) }
            if let cut = cutFirstWeightsRequestAt { return .cutAfter(bytes: cut, status: 200, headers: [:], body: body) }
        }
        if let range = r.headers["range"], range.hasPrefix("bytes="), let start = Int(range.dropFirst(6).dropLast()) {
            guard start < body.count else { return .respond(status: 416, headers: [:], body: Data()) }
            return .respond(status: 206, headers: ["Content-Range": "bytes \(start)-\(body.count - 1)/\(body.count)"],
                            body: body.subdata(in: start..<body.count))
        }
        return .respond(status: 200, headers: [:], body: body)
    }
}

@Suite struct HubDownloaderTests {
    func makeDownloader(_ server: LocalHTTPServer, cache: URL) -> HubDownloader {
        var d = HubDownloader(environment: ["HF_ENDPOINT": server.baseURL.absoluteString, "HF_HUB_CACHE": cache.path])
        d.retryDelay = 0.01
        d.timeout = 10
        return d
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fetchesResumesAfterCutAndLaysOutTheCache() async throws {
        let hub = FakeHub()
        hub.cutFirstWeightsRequestAt = 100_000
        let server = try LocalHTTPServer { _, request in hub.handle(request) }
        defer { server.stop() }
        let cache = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let downloader = makeDownloader(server, cache: cache)
        let repo = try HubRepositoryID("org/tiny")

        let snapshot = try await downloader.fetch(repo)
        #expect(snapshot.lastPathComponent == hub.commit)
        #expect(try Data(contentsOf: snapshot.appendingPathComponent("model.safetensors")) == hub.weights)
        #expect(try Data(contentsOf: snapshot.appendingPathComponent("config.json")) == hub.config)
        #expect(!FileManager.default.fileExists(atPath: snapshot.appendingPathComponent("pytorch_model.bin").path))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: snapshot.appendingPathComponent("model.safetensors").path)
        #expect(link == "../../blobs/\(hub.announcedSHA)")
        #expect(downloader.cache.resolve(repo)?.standardizedFileURL.path == snapshot.standardizedFileURL.path)
        // The second request for the weights resumed where the cut one stopped.
        let weightRequests = hub.resolveRequests.filter { $0.path.hasSuffix("model.safetensors") }
        #expect(weightRequests.count == 2)
        #expect(weightRequests.last?.headers["range"] == "bytes=100000-")

        // A second fetch finds everything cached and downloads nothing.
        let before = hub.resolveRequests.count
        _ = try await downloader.fetch(repo)
        #expect(hub.resolveRequests.count == before)
    }

    @Test func retriesServerErrors() async throws {
        let hub = FakeHub()
        hub.failFirstWithStatus = 503
        let server = try LocalHTTPServer { _, request in hub.handle(request) }
        defer { server.stop() }
        let cache = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let snapshot = try await makeDownloader(server, cache: cache).fetch(try HubRepositoryID("org/tiny"))
        #expect(try Data(contentsOf: snapshot.appendingPathComponent("model.safetensors")) == hub.weights)
    }

    @Test func rejectsAChecksumMismatchAndKeepsNoBlob() async throws {
        let hub = FakeHub()
        hub.announcedSHA = String(repeating: "0", count: 64)
        let server = try LocalHTTPServer { _, request in hub.handle(request) }
        defer { server.stop() }
        let cache = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let downloader = makeDownloader(server, cache: cache)
        await #expect(throws: HubError.self) { try await downloader.fetch(try HubRepositoryID("org/tiny")) }
        let blobs = cache.appendingPathComponent("models--org--tiny/blobs")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: blobs.path)) ?? []
        #expect(!left.contains(hub.announcedSHA))
        #expect(!left.contains { $0.hasSuffix(".incomplete") })
    }

    @Test func unknownModelIsAClearError() async throws {
        let hub = FakeHub()
        let server = try LocalHTTPServer { _, request in hub.handle(request) }
        defer { server.stop() }
        let cache = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        do {
            _ = try await makeDownloader(server, cache: cache).fetch(try HubRepositoryID("org/missing"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("404"))
        }
    }

    @Test func repositoryIDsAreValidated() {
        #expect(throws: HubError.self) { try HubRepositoryID("noslash") }
        #expect(throws: HubError.self) { try HubRepositoryID("a/b/c") }
        #expect(throws: HubError.self) { try HubRepositoryID("../x") }
        #expect(throws: HubError.self) { try HubRepositoryID("org/na me") }
        #expect((try? HubRepositoryID("openai/clip-vit-base-patch16"))?.description == "openai/clip-vit-base-patch16")
    }

    @Test func cacheLocationFollowsTheEnvironment() {
        #expect(HubCacheLayout(environment: ["HF_HOME": "/x/hf"]).root.path == "/x/hf/hub")
        #expect(HubCacheLayout(environment: ["HF_HUB_CACHE": "/y", "HF_HOME": "/x"]).root.path == "/y")
        #expect(HubCacheLayout(environment: ["XDG_CACHE_HOME": "/c"]).root.path == "/c/huggingface/hub")
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Chunked updates agree with one-shot hashing across block boundaries.
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var h = SHA256()
        for chunk in stride(from: 0, to: 1000, by: 37) {
            data[chunk..<min(chunk + 37, 1000)].withUnsafeBytes { h.update($0) }
        }
        #expect(h.finalizeHex() == SHA256.hex(of: data))
    }
}
