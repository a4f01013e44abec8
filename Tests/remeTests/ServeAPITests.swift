import Foundation
import ReMEImage
@testable import ReMEServer
import Testing

/// The HTTP API over a real loopback socket, with a model-free segmenter (docs/serve.md): routes,
/// the JSON shapes, every error status, auth, timeouts.
@Suite(.serialized) struct ServeAPITests {
    @Test func healthReadinessOpenAPIAndPage() async throws {
        let server = try await RunningServer.start(HalvesSegmenter())
        let health = try await HTTP.send("GET", server.base + "/healthz")
        #expect(health.status == 200 && health.json?["status"] as? String == "ok")
        let ready = try await HTTP.send("GET", server.base + "/readyz")
        #expect(ready.status == 200 && ready.json?["status"] as? String == "ready")
        let openapi = try await HTTP.send("GET", server.base + "/openapi.json")
        let committed = try String(contentsOf: ServeFixtures.repositoryRoot.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
        #expect(openapi.status == 200)
        #expect(String(decoding: openapi.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                == committed.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((try? JSONSerialization.jsonObject(with: openapi.body)) != nil)
        let page = try await HTTP.send("GET", server.base + "/")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200 && page.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(html.contains("<canvas") && html.contains("v1/segment"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the page fetches nothing from elsewhere")
        try await server.stop()
    }

    @Test func segmentFromAMultipartFormAndFromRawBytes() async throws {
        let server = try await RunningServer.start(HalvesSegmenter())
        let png = try ServeFixtures.png()
        let form = MultipartBody.form(image: png, labels: "sky, road ,tree")
        let viaForm = try await HTTP.send("POST", server.base + "/v1/segment", body: form.finished(),
                                          headers: ["Content-Type": form.contentType])
        #expect(viaForm.status == 200, "\(String(decoding: viaForm.body, as: UTF8.self))")
        let raw = try await HTTP.send("POST", server.base + "/v1/segment?labels=sky,road,tree", body: png,
                                      headers: ["Content-Type": "image/png"])
        #expect(raw.status == 200)
        for reply in [viaForm, raw] {
            let json = try #require(reply.json)
            #expect(json["width"] as? Int == 64 && json["height"] as? Int == 48)
            #expect(json["labels"] as? [String] == ["sky", "road", "tree"])
            let classes = json["classes"] as? [[String: Any]] ?? []
            #expect(classes.map { $0["name"] as? String } == ["sky", "road", "tree"])
            #expect(classes.first?["color"] as? String == "#000000" && classes.dropFirst().first?["color"] as? String == "#800000")
            #expect(abs(classes.compactMap { $0["share"] as? Double }.reduce(0, +) - 1) < 1e-9)
            #expect(json["timings_ms"] is [String: Any])
            for key in ["label_png", "confidence_png", "overlay_png"] {
                let bytes = try #require(Data(base64Encoded: json[key] as? String ?? ""), "\(key) is base64")
                let image = try PixelImage(decoding: bytes)
                #expect(image.width >= 64 && image.height >= 48, "\(key)")
            }
            let labels = try ServeFixtures.labelMap(try #require(Data(base64Encoded: json["label_png"] as? String ?? "")))
            #expect(labels.pixels[0] == 0 && labels.pixels[63] == 1)
            let confidence = try PixelImage(decoding: try #require(Data(base64Encoded: json["confidence_png"] as? String ?? "")))
            #expect(confidence.pixels[0] == UInt8((0.9 / 1.1 * 255).rounded()))
        }
        try await server.stop()
    }

    @Test func everyErrorIsJSONWithItsStatus() async throws {
        var limits = ServerLimits()
        limits.maxBodyBytes = 4096
        limits.maxPixels = 4000
        limits.maxLabels = 3
        let server = try await RunningServer.start(HalvesSegmenter(), limits: limits)
        let png = try ServeFixtures.png(width: 16, height: 12)
        let segment = server.base + "/v1/segment"
        func post(_ query: String, _ body: Data, _ type: String?) async throws -> HTTPReply {
            try await HTTP.send("POST", segment + query, body: body, headers: type.map { ["Content-Type": $0] } ?? [:])
        }
        var bad = MultipartBody()
        bad.data = Data("--\(MultipartBody.boundary)\nContent-Disposition: form-data; name=\"labels\"\n\ncat\n".utf8)
        let cases: [(String, HTTPReply, Int, String)] = [
            ("unknown path", try await HTTP.send("GET", server.base + "/nothing"), 404, "not_found"),
            ("GET on segment", try await HTTP.send("GET", segment), 405, "method_not_allowed"),
            ("POST on info", try await HTTP.send("POST", server.base + "/v1/info", body: Data("x".utf8)), 405, "method_not_allowed"),
            ("no labels", try await post("", png, "image/png"), 400, "bad_labels"),
            ("empty labels", try await post("?labels=,%20,", png, "image/png"), 400, "bad_labels"),
            ("duplicate labels", try await post("?labels=cat,Cat", png, "image/png"), 400, "bad_labels"),
            ("too many labels", try await post("?labels=a,b,c,d", png, "image/png"), 400, "bad_labels"),
            ("bad parameter", try await post("?labels=a,b&top_k=0", png, "image/png"), 400, "bad_parameter"),
            ("unknown parameter", try await post("?labels=a&path=/etc/passwd", png, "image/png"), 400, "unknown_field"),
            ("background without label", try await post("?labels=a,b&background_threshold=0.5", png, "image/png"), 400, "bad_labels"),
            ("truncated PNG", try await post("?labels=a", png.prefix(60), "image/png"), 400, "bad_image"),
            ("LF multipart", try await post("", bad.finished(), bad.contentType), 400, "malformed_multipart"),
            ("no boundary", try await post("", png, "multipart/form-data"), 400, "malformed_multipart"),
            ("form without image", try await { var f = MultipartBody(); f.field("labels", "a"); return try await post("", f.finished(), f.contentType) }(),
             400, "missing_image"),
            ("body too large", try await post("?labels=a", Data(count: 8000), "image/png"), 413, "too_large"),
            ("too many pixels", try await post("?labels=a", try ServeFixtures.png(width: 100, height: 50), "image/png"), 413, "too_large"),
            ("text body", try await post("?labels=a", Data("hello".utf8), "text/plain"), 415, "unsupported_media_type"),
            ("no content type", try await post("?labels=a", png, nil), 415, "unsupported_media_type"),
            ("not an image", try await post("?labels=a", Data("GIF89a not really".utf8), "image/png"), 415, "unsupported_media_type"),
        ]
        for (name, reply, status, code) in cases {
            #expect(reply.status == status, "\(name): \(String(decoding: reply.body, as: UTF8.self))")
            #expect(reply.errorCode == code, "\(name): \(String(decoding: reply.body, as: UTF8.self))")
            #expect(reply.header("Content-Type") == "application/json", "\(name)")
        }
        #expect(cases[1].1.header("Allow") == "POST")
        try await server.stop()
    }

    @Test func aTokenGuardsTheAPIButNotHealthOrThePage() async throws {
        let server = try await RunningServer.start(HalvesSegmenter(), token: "s3cret")
        let missing = try await HTTP.send("GET", server.base + "/v1/info")
        #expect(missing.status == 401 && missing.errorCode == "unauthorized" && missing.header("WWW-Authenticate") == "Bearer")
        let wrong = try await HTTP.send("GET", server.base + "/v1/info", headers: ["Authorization": "Bearer s3cre"])
        #expect(wrong.status == 401)
        let png = try ServeFixtures.png()
        let unauthorized = try await HTTP.send("POST", server.base + "/v1/segment?labels=a", body: png, headers: ["Content-Type": "image/png"])
        #expect(unauthorized.status == 401)
        let right = try await HTTP.send("GET", server.base + "/v1/info", headers: ["Authorization": "Bearer s3cret"])
        #expect(right.status == 200 && right.json?["api_version"] as? Int == 1)
        let segment = try await HTTP.send("POST", server.base + "/v1/segment?labels=a", body: png,
                                          headers: ["Content-Type": "image/png", "Authorization": "Bearer s3cret"])
        #expect(segment.status == 200)
        for open in ["/healthz", "/readyz", "/", "/openapi.json"] {
            #expect(try await HTTP.send("GET", server.base + open).status == 200, "\(open)")
        }
        try await server.stop()
    }

    @Test func aSlowRequestIsAnswered504WithinItsTimeout() async throws {
        var limits = ServerLimits()
        limits.requestTimeout = 0.4
        let server = try await RunningServer.start(HalvesSegmenter(delay: 2), limits: limits)
        let started = Date()
        let reply = try await HTTP.send("POST", server.base + "/v1/segment?labels=a", body: try ServeFixtures.png(),
                                        headers: ["Content-Type": "image/png"])
        #expect(reply.status == 504 && reply.errorCode == "timeout")
        #expect(Date().timeIntervalSince(started) < 1.8)
        try await server.stop()
    }
}
