import Foundation
import Testing
@testable import ReMEText
import ReMETestSupport

/// The chat-completions client against a local server that misbehaves on purpose.
@Suite(.serialized) struct ChatCompletionsClientTests {
    static let fastRetry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05)

    static func client(_ server: LocalHTTPServer, timeout: Double = 5, retry: RetryPolicy = fastRetry) -> ChatCompletionsClient {
        ChatCompletionsClient(server: server.baseURL, model: "llava", prompt: "Describe.", apiKey: "sekret",
                              timeout: timeout, retry: retry)
    }

    @Test func sendsTheOpenAIRequestShape() async throws {
        let server = try LocalHTTPServer { _, _ in .respond(status: 200, headers: [:], body: LocalHTTPServer.completion(" A cat. ")) }
        defer { server.stop() }
        let caption = try await Self.client(server).caption(imageData: Data([0xFF, 0xD8, 0xFF]))
        #expect(caption == "A cat.")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sekret")
        let json = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(json["model"] as? String == "llava")
        let message = try #require((json["messages"] as? [[String: Any]])?.first)
        #expect(message["role"] as? String == "user")
        let parts = try #require(message["content"] as? [[String: Any]])
        #expect(parts.count == 2)
        #expect(parts[0]["type"] as? String == "text" && parts[0]["text"] as? String == "Describe.")
        let url = (parts[1]["image_url"] as? [String: Any])?["url"] as? String
        #expect(url == "data:image/jpeg;base64,/9j/")
    }

    @Test func retriesServerErrorsAndRateLimits() async throws {
        let server = try LocalHTTPServer { index, _ in
            switch index {
            case 0: .respond(status: 500, headers: [:], body: Data("{\"error\":\"boom\"}".utf8))
            case 1: .respond(status: 429, headers: ["Retry-After": "0"], body: Data("slow down".utf8))
            case 2: .respond(status: 503, headers: [:], body: Data("".utf8))
            default: .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("third time lucky"))
            }
        }
        defer { server.stop() }
        let caption = try await Self.client(server).caption(imageData: Data([1]))
        #expect(caption == "third time lucky")
        #expect(server.requests.count == 4)
    }

    @Test func honoursRetryAfter() async throws {
        let server = try LocalHTTPServer { index, _ in
            index == 0 ? .respond(status: 429, headers: ["Retry-After": "1"], body: Data("".utf8))
                : .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("ok"))
        }
        defer { server.stop() }
        let start = Date()
        _ = try await Self.client(server).caption(imageData: Data([1]))
        #expect(Date().timeIntervalSince(start) >= 0.95)
    }

    @Test func doesNotRetryClientErrors() async throws {
        let server = try LocalHTTPServer { _, _ in .respond(status: 401, headers: [:], body: Data("bad key".utf8)) }
        defer { server.stop() }
        await #expect(throws: CaptionError.http(status: 401, body: "bad key")) {
            try await Self.client(server).caption(imageData: Data([1]))
        }
        #expect(server.requests.count == 1)
    }

    @Test func retriesMalformedJSONAndCutConnections() async throws {
        let server = try LocalHTTPServer { index, _ in
            switch index {
            case 0: .respond(status: 200, headers: [:], body: Data("{\"choices\": [".utf8))
            case 1: LocalHTTPServer.cutHalfway(LocalHTTPServer.completion(String(repeating: "long caption ", count: 2000)))
            default: .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("whole"))
            }
        }
        defer { server.stop() }
        let caption = try await Self.client(server).caption(imageData: Data([1]))
        #expect(caption == "whole")
        #expect(server.requests.count == 3)
    }

    @Test func timesOutSlowAnswersThenSucceeds() async throws {
        let server = try LocalHTTPServer { index, _ in
            index == 0 ? .delayed(seconds: 3, .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("late")))
                : .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("on time"))
        }
        defer { server.stop() }
        let start = Date()
        let caption = try await Self.client(server, timeout: 1).caption(imageData: Data([1]))
        #expect(caption == "on time")
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= 0.9 && elapsed < 2.9)
        #expect(server.requests.count == 2)
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let server = try LocalHTTPServer { _, _ in .respond(status: 502, headers: [:], body: Data("bad gateway".utf8)) }
        defer { server.stop() }
        do {
            _ = try await Self.client(server, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02))
                .caption(imageData: Data([1]))
            Issue.record("expected failure")
        } catch {
            guard case .gaveUp(let attempts, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(attempts == 3)
        }
        #expect(server.requests.count == 3)
    }

    @Test func runnerCaptionsConcurrentlyAndResumes() async throws {
        let server = try LocalHTTPServer(maxRequests: 64) { index, _ in
            index % 3 == 1 ? .respond(status: 500, headers: [:], body: Data("".utf8))
                : .respond(status: 200, headers: [:], body: LocalHTTPServer.completion("caption \(index)"))
        }
        defer { server.stop() }
        let folder = try TextFixtures.temporaryDirectory()
        for i in 0..<6 { try Data([UInt8(i)]).write(to: folder.appendingPathComponent("img\(i).jpg")) }
        let output = folder.appendingPathComponent("captions.jsonl").path
        let images = try CaptionRunner.images(in: folder.path)
        #expect(images.map(\.name) == (0..<6).map { "img\($0).jpg" })
        // Pretend an earlier run finished img0 and was killed while writing img1.
        try Data("{\"image\":\"img0.jpg\",\"caption\":\"old\"}\n{\"image\":\"img1.j".utf8)
            .write(to: URL(fileURLWithPath: output))
        let cache = try CaptionCache(path: output)
        #expect(cache.existing == ["img0.jpg": "old"])
        let summary = try await CaptionRunner(concurrency: 3).run(images: images, captioner: Self.client(server), cache: cache)
        #expect(summary.skipped == 1 && summary.captioned == 5 && summary.failures.isEmpty)
        let reread = try CaptionCache(path: output).existing
        #expect(reread.count == 6 && reread["img0.jpg"] == "old")
        #expect(server.requests.count >= 5)
    }
}
