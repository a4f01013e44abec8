import Foundation
@testable import ReMEModels
import Testing

/// `reme models fetch` without a network: a fake hub serving files from memory.
struct HubFetcherTests {
    final class FakeHub: HubTransport, @unchecked Sendable {
        var files: [String: Data] = [:]
        var info: Data = Data()
        var honoursRanges = true
        var requestedOffsets: [Int64] = []

        func get(_ url: URL, headers: [String: String]) throws -> Data { info }

        func download(_ url: URL, headers: [String: String], from offset: Int64,
                      begin: @escaping (Int64) throws -> Void, into sink: @escaping (Data) throws -> Void) throws {
            requestedOffsets.append(offset)
            guard let data = files[url.lastPathComponent] else { throw HubHTTPError(url: url, status: 404, reason: "") }
            let start = honoursRanges ? Int(offset) : 0
            try begin(Int64(start))
            try sink(data.subdata(in: start..<data.count))
        }
    }

    static func sha256(_ data: Data) -> String {
        var h = SHA256()
        h.update(data)
        return h.finalize()
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(Self.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Self.sha256(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var split = SHA256()
        split.update(long.prefix(7)); split.update(long.dropFirst(7))
        #expect(split.finalize() == Self.sha256(long))
    }

    func makeHub(weights: Data, sha: String? = nil) throws -> FakeHub {
        let hub = FakeHub()
        hub.files = ["config.json": Data(#"{"model_type":"dinov2"}"#.utf8), "model.safetensors": weights,
                     "pytorch_model.bin": Data("skip me".utf8)]
        let siblings: [[String: Any]] = [
            ["rfilename": "config.json", "blobId": "c0ffee", "size": hub.files["config.json"]!.count],
            ["rfilename": "model.safetensors", "blobId": "b10b",
             "lfs": ["sha256": sha ?? Self.sha256(weights), "size": weights.count]],
            ["rfilename": "pytorch_model.bin", "blobId": "dead"],
        ]
        hub.info = try JSONSerialization.data(withJSONObject: ["sha": "0123abcd", "siblings": siblings])
        return hub
    }

    func fetcher(_ hub: FakeHub, cache: URL) -> HubFetcher {
        HubFetcher(environment: ["HF_HUB_CACHE": cache.path], transport: hub)
    }

    @Test func fetchWritesTheCacheLayoutThatResolveReads() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("reme-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let weights = Data((0..<10_000).map { UInt8($0 % 251) })
        let hub = try makeHub(weights: weights)
        let folder = try fetcher(hub, cache: cache).fetch("facebook/dinov2-tiny")
        #expect(try Data(contentsOf: folder.file("model.safetensors")) == weights)
        #expect(!FileManager.default.fileExists(atPath: folder.file("pytorch_model.bin").path))
        let resolved = try ModelFolder.resolve("facebook/dinov2-tiny", environment: ["HF_HUB_CACHE": cache.path])
        #expect(resolved.url.lastPathComponent == "0123abcd")
        #expect(try resolved.modelType() == "dinov2")
    }

    @Test func interruptedDownloadResumesFromThePartialFile() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("reme-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let weights = Data((0..<5_000).map { UInt8($0 % 7) })
        let hub = try makeHub(weights: weights)
        let blobs = cache.appendingPathComponent("models--facebook--dinov2-tiny/blobs")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        try weights.prefix(1234).write(to: blobs.appendingPathComponent("\(Self.sha256(weights)).incomplete"))
        let folder = try fetcher(hub, cache: cache).fetch("facebook/dinov2-tiny")
        #expect(hub.requestedOffsets.contains(1234))
        #expect(try Data(contentsOf: folder.file("model.safetensors")) == weights)

        // A server that ignores ranges restarts the file instead of corrupting it.
        let again = cache.appendingPathComponent("again")
        let hub2 = try makeHub(weights: weights)
        hub2.honoursRanges = false
        let blobs2 = again.appendingPathComponent("models--facebook--dinov2-tiny/blobs")
        try FileManager.default.createDirectory(at: blobs2, withIntermediateDirectories: true)
        try weights.prefix(99).write(to: blobs2.appendingPathComponent("\(Self.sha256(weights)).incomplete"))
        let folder2 = try fetcher(hub2, cache: again).fetch("facebook/dinov2-tiny")
        #expect(try Data(contentsOf: folder2.file("model.safetensors")) == weights)
    }

    @Test func hashMismatchIsAnErrorAndLeavesNoBlob() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("reme-fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let hub = try makeHub(weights: Data([1, 2, 3]), sha: String(repeating: "0", count: 64))
        #expect(throws: (any Error).self) { try fetcher(hub, cache: cache).fetch("facebook/dinov2-tiny") }
        let blobs = cache.appendingPathComponent("models--facebook--dinov2-tiny/blobs")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: blobs.path)) ?? []
        #expect(!left.contains(String(repeating: "0", count: 64)))
    }
}
