import Foundation
@testable import ReMEServer
import Testing

/// The worker pool under concurrent clients on loopback: bounded in count and time, no request
/// lost, 503 only past a deliberately small queue, memory flat, and a graceful shutdown that
/// answers the request in flight.
@Suite(.serialized) struct ServeLoadTests {
    /// `clients` concurrent loops of `requests` each; every reply (or transport error) is returned.
    static func hammer(_ server: RunningServer, clients: Int, requests: Int) async throws -> [HTTPReply] {
        let png = try ServeFixtures.png(width: 96, height: 72)
        let url = server.base + "/v1/segment?labels=sky,road,tree,car"
        return try await withThrowingTaskGroup(of: [HTTPReply].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var replies: [HTTPReply] = []
                    for _ in 0..<requests {
                        replies.append(try await HTTP.send("POST", url, body: png, headers: ["Content-Type": "image/png"]))
                    }
                    return replies
                }
            }
            var all: [HTTPReply] = []
            for try await batch in group { all += batch }
            return all
        }
    }

    @Test func concurrentClientsAreAllAnsweredAndMemoryStaysFlat() async throws {
        var limits = ServerLimits()
        limits.workers = 2
        limits.queueLimit = 64
        let server = try await RunningServer.start(HalvesSegmenter(delay: 0.005), limits: limits)
        let warm = try await Self.hammer(server, clients: 8, requests: 5)
        #expect(warm.allSatisfy { $0.status == 200 })
        let before = ServeFixtures.residentKiB()
        let replies = try await Self.hammer(server, clients: 8, requests: 15)
        let after = ServeFixtures.residentKiB()
        #expect(replies.count == 120)
        #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.map(\.status).filter { $0 != 200 })")
        #expect(after - before < 64 * 1024, "RSS grew from \(before) KiB to \(after) KiB over 120 requests")
        let ready = try await HTTP.send("GET", server.base + "/readyz")
        #expect(ready.json?["running"] as? Int == 0 && ready.json?["waiting"] as? Int == 0)
        try await server.stop()
    }

    @Test func aFullQueueIsAnswered503WithRetryAfterAndNothingIsLost() async throws {
        var limits = ServerLimits()
        limits.workers = 1
        limits.queueLimit = 1
        let server = try await RunningServer.start(HalvesSegmenter(delay: 0.3), limits: limits)
        let replies = try await Self.hammer(server, clients: 6, requests: 2)
        #expect(replies.count == 12)
        let statuses = replies.map(\.status)
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(statuses)")
        #expect(statuses.filter { $0 == 200 }.count >= 2 && statuses.contains(503), "\(statuses)")
        for reply in replies where reply.status == 503 {
            #expect(reply.errorCode == "overloaded" && Int(reply.header("Retry-After") ?? "") ?? 0 >= 1)
        }
        try await server.stop()
    }

    @Test func gracefulShutdownAnswersTheRequestInFlight() async throws {
        let server = try await RunningServer.start(HalvesSegmenter(delay: 1.2))
        let png = try ServeFixtures.png()
        let inFlight = Task { try await HTTP.send("POST", server.base + "/v1/segment?labels=a,b", body: png, headers: ["Content-Type": "image/png"]) }
        // Shut down only once the request is running (a loaded machine may take a while to send it).
        for _ in 0..<200 {
            if try await HTTP.send("GET", server.base + "/readyz").json?["running"] as? Int == 1 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let stopping = Date()
        try await server.stop()
        let reply = try await inFlight.value
        #expect(reply.status == 200 && reply.json?["width"] as? Int == 64)
        #expect(Date().timeIntervalSince(stopping) > 0.2, "the shutdown waited for the request")
        await #expect(throws: (any Error).self) { try await HTTP.send("GET", server.base + "/healthz") }
    }
}
