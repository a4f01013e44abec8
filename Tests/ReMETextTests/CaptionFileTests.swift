import Foundation
import Testing
@testable import ReMEText

/// Caption files (COCO JSON, JSON Lines) and the crash-safe JSONL cache.
@Suite struct CaptionFileTests {
    @Test func cocoCaptionsAreJoinedPerImage() throws {
        let records = try CaptionFile.load(path: TextFixtures.url("coco_captions_small.json").path)
        #expect(records == [
            CaptionRecord(image: "000000000139.jpg", caption: "A woman stands in the dining area at the table. A room with chairs, a table, and a woman in it."),
            CaptionRecord(image: "000000000285.jpg", caption: "A big burly grizzly bear is show with grass in the background."),
        ])
    }

    @Test func jsonLinesAreRead() throws {
        let folder = try TextFixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("c.jsonl").path
        try Data("{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n\n{\"image\":\"b/c.png\",\"caption\":\"Two dogs.\"}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect(try CaptionFile.load(path: path) == [
            CaptionRecord(image: "a.jpg", caption: "A cat."), CaptionRecord(image: "b/c.png", caption: "Two dogs."),
        ])
    }

    @Test func badFilesAreClearErrors() throws {
        let folder = try TextFixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("bad.jsonl").path
        try Data("{\"image\":\"a.jpg\",\"caption\":\"ok\"}\n{\"image\": 3}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CaptionError.malformedFile(path: path, line: 2, reason: "not a {\"image\", \"caption\"} object")) {
            try CaptionFile.load(path: path)
        }
        try Data([0x7B, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: path))
        #expect(throws: CaptionError.notUTF8(path: path)) { try CaptionFile.load(path: path) }
        #expect(throws: (any Error).self) { try CaptionFile.load(path: folder.appendingPathComponent("missing").path) }
    }

    @Test func fileCaptionerMatchesByName() async throws {
        let captioner = try FileCaptioner(path: TextFixtures.url("coco_captions_small.json").path)
        let caption = try await captioner.caption(imageAt: URL(fileURLWithPath: "/images/val/000000000285.jpg"))
        #expect(caption.hasPrefix("A big burly grizzly bear"))
        await #expect(throws: CaptionError.self) {
            try await captioner.caption(imageAt: URL(fileURLWithPath: "/images/unknown.jpg"))
        }
    }

    @Test func cacheAppendsAndReadsBack() async throws {
        let path = try TextFixtures.temporaryDirectory().appendingPathComponent("cache.jsonl").path
        let cache = try CaptionCache(path: path)
        #expect(cache.existing.isEmpty)
        try await cache.append(CaptionRecord(image: "a.jpg", caption: "A \"quoted\" cat\non two lines."))
        try await cache.append(CaptionRecord(image: "b.jpg", caption: "Ünïcödé dog."))
        try await cache.sync()
        let reopened = try CaptionCache(path: path)
        #expect(reopened.existing == ["a.jpg": "A \"quoted\" cat\non two lines.", "b.jpg": "Ünïcödé dog."])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2 && text.hasSuffix("\n"))
    }

    @Test func tornLastLineIsIgnoredAndCutOff() async throws {
        let path = try TextFixtures.temporaryDirectory().appendingPathComponent("cache.jsonl").path
        try Data("{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n{\"image\":\"b.jpg\",\"cap".utf8)
            .write(to: URL(fileURLWithPath: path))
        let cache = try CaptionCache(path: path)
        #expect(cache.existing == ["a.jpg": "A cat."])
        try await cache.append(CaptionRecord(image: "b.jpg", caption: "A dog."))
        try await cache.sync()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n{\"image\":\"b.jpg\",\"caption\":\"A dog.\"}\n")
        #expect(try CaptionCache(path: path).existing.count == 2)
    }

    @Test func corruptMiddleLineIsAnError() throws {
        let path = try TextFixtures.temporaryDirectory().appendingPathComponent("cache.jsonl").path
        try Data("garbage\n{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CaptionError.self) { try CaptionCache(path: path) }
    }

    @Test func retryPolicyBacksOffWithJitterAndParsesRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 8)
        for attempt in 1...6 {
            let expected = min(8, pow(2, Double(attempt - 1)))
            let d = policy.delay(afterAttempt: attempt, retryAfter: nil)
            #expect(d >= expected / 2 && d <= expected)
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: 30) == 30)
        #expect(RetryPolicy.parseRetryAfter("12") == 12)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_000_000_000)  // Sun, 09 Sep 2001 01:46:40 GMT
        #expect(RetryPolicy.parseRetryAfter("Sun, 09 Sep 2001 01:47:40 GMT", now: now) == 60)
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 503))
        #expect(!RetryPolicy.isRetryable(status: 400) && !RetryPolicy.isRetryable(status: 404))
    }
}

extension CaptionFileTests {
    @Test func fileCaptionerPrefersTheLongestMatchingPath() async throws {
        let path = try TextFixtures.temporaryDirectory().appendingPathComponent("c.jsonl").path
        try Data("{\"image\":\"b.jpg\",\"caption\":\"top\"}\n{\"image\":\"./sub/b.jpg\",\"caption\":\"in sub\"}\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let captioner = try FileCaptioner(path: path)
        #expect(try await captioner.caption(imageAt: URL(fileURLWithPath: "/data/sub/b.jpg")) == "in sub")
        #expect(try await captioner.caption(imageAt: URL(fileURLWithPath: "/data/b.jpg")) == "top")
        #expect(try await captioner.caption(imageAt: URL(fileURLWithPath: "/data/other/b.jpg")) == "top")
    }
}
