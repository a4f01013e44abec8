import Foundation
import ReMEImage
import Testing

/// `reme serve` end to end with the tiny random-weight models on real VOC photos: the command's
/// options, the loaded models in /v1/info, a segmentation, and a clean exit on SIGTERM.
@Suite(.serialized) struct ServeCommandTests {
    @Test func servesAReferenceSetAndStopsCleanlyOnSIGTERM() async throws {
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let refset = w.path("ref.safetensors")
        let build = try CLI.run(w.buildArguments(output: refset))
        try #require(build.exitCode == 0, "\(build.stderr)")
        let server = try ServeProcess(["--reference", refset, "--clip", w.clip, "--visual", w.dino, "--token", "t0k"]
                                      + PipelineWorkspace.fastOptions)
        let auth = ["Authorization": "Bearer t0k"]
        let info = try await HTTP.send("GET", server.base + "/v1/info", headers: auth)
        #expect(info.status == 200)
        let json = try #require(info.json)
        #expect(json["mode"] as? String == "retrieval")
        let models = json["models"] as? [String: Any] ?? [:]
        let clip = models["clip"] as? [String: Any] ?? [:]
        #expect((clip["weights_fingerprint"] as? String ?? "").count == 64)
        #expect((models["visual"] as? [String: Any])?["model_type"] as? String == "dinov2")
        let reference = json["reference_set"] as? [String: Any] ?? [:]
        #expect((reference["segments"] as? Int ?? 0) > 0 && reference["file"] as? String == "ref.safetensors")

        let photo = try Data(contentsOf: URL(fileURLWithPath: "\(w.images)/2011_000003.jpg"))
        let form = MultipartBody.form(image: photo, labels: "person, table, floor, wall")
        let reply = try await HTTP.send("POST", server.base + "/v1/segment", body: form.finished(),
                                        headers: auth.merging(["Content-Type": form.contentType]) { a, _ in a })
        #expect(reply.status == 200, "\(String(decoding: reply.body, as: UTF8.self))")
        let result = try #require(reply.json)
        #expect(result["width"] as? Int == 500 && result["height"] as? Int == 338)
        let classes = result["classes"] as? [[String: Any]] ?? []
        #expect(classes.map { $0["name"] as? String } == ["person", "table", "floor", "wall"])
        #expect(abs(classes.compactMap { $0["share"] as? Double }.reduce(0, +) - 1) < 1e-9)
        let tuned = try await HTTP.send("POST", server.base + "/v1/segment?labels=person,table&top_k=5&tau_text=50", body: photo,
                                        headers: auth.merging(["Content-Type": "image/jpeg"]) { a, _ in a })
        #expect(tuned.status == 200)

        #expect(server.stop(signal: SIGTERM) == 0, "\(server.stderr)")
        #expect(server.stdout.contains("reme serve: stopped"))
    }

    @Test func refusesMasksFilesAndWarnsOnAnOpenAddressWithoutToken() throws {
        let masks = try CLI.run(["serve", "--masks", "/tmp/x.json", "--port", "0"])
        #expect(masks.exitCode != 0 && masks.stderr.contains("--masks"))
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let server = try ServeProcess(["--host", "0.0.0.0", "--clip", w.clip] + PipelineWorkspace.fastOptions,
                                      environment: ProcessInfo.processInfo.environment.filter { $0.key != "REME_SERVE_TOKEN" })
        #expect(server.stderr.contains("warning: binding 0.0.0.0 without --token"))
        #expect(server.stop(signal: SIGINT) == 0)
    }
}
