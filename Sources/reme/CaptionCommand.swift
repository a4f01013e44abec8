import ArgumentParser
import Foundation
import ReME

/// `reme caption`: caption every image of a folder into a resumable JSON Lines file.
struct CaptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "caption",
        abstract: "Caption a folder of images with an OpenAI-compatible server, or take captions from a file.",
        discussion: """
            Writes one {"image", "caption"} line per image to --output as soon as it is done; \
            rerunning with the same --output skips images already captioned. The API key, if any, \
            is read from $REME_API_KEY or $OPENAI_API_KEY.
            """
    )

    @Option(help: "Folder of JPEG / PNG images (searched recursively).")
    var images: String

    @Option(help: "Server base URL, e.g. http://127.0.0.1:11434 (POSTs to /v1/chat/completions).")
    var server: String?

    @Option(help: "Model name sent to the server.")
    var model: String?

    @Option(name: .customLong("from"), help: "Caption file instead of a server: COCO captions JSON or JSON Lines {\"image\", \"caption\"}.")
    var fromFile: String?

    @Option(help: "Output JSON Lines file (appended to; also the resume cache).")
    var output: String

    @Option(help: "Requests in flight at once.")
    var concurrency = 4

    @Option(help: "Prompt sent with each image (default: the ReME paper's detailed-description prompt).")
    var prompt: String?

    @Option(help: "Seconds one request may take (at least 1).")
    var timeout: Double = 120

    @Option(help: "Attempts per image (retries 429 / 5xx / timeouts / dropped connections with backoff).")
    var attempts = 5

    func validate() throws {
        if fromFile == nil && (server == nil || model == nil) {
            throw ValidationError("give --server URL and --model NAME, or --from FILE")
        }
        if fromFile != nil && server != nil { throw ValidationError("--from and --server exclude each other") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        // FoundationNetworking (libcurl) fires sub-second timeouts at once.
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        if let server, URL(string: server)?.scheme == nil { throw ValidationError("--server is not a URL: \(server)") }
    }

    func run() async throws {
        try OutputCheck.file(output, option: "--output")
        let list = try CaptionRunner.images(in: images)
        let captioner: any Captioner
        if let fromFile {
            let file = try FileCaptioner(path: fromFile)
            if let first = file.emptyCaptions.first {
                FileHandle.standardError.write(Data(
                    "skipped \(file.emptyCaptions.count) empty caption(s) in \(fromFile) (first: \(first))\n".utf8))
            }
            captioner = file
        } else if let server, let model, let url = URL(string: server) {
            captioner = ChatCompletionsClient(server: url, model: model, prompt: prompt ?? defaultCaptionPrompt,
                                              timeout: timeout, retry: RetryPolicy(maxAttempts: attempts))
        } else {
            throw CLIFailure(message: "give --server URL and --model NAME, or --from FILE")
        }
        // Opened only once the captions source is known good, so a bad --from leaves no file.
        let cache = try CaptionCache(path: output)
        let meter = ProgressLine("caption")
        let summary = try await CaptionRunner(concurrency: concurrency)
            .run(images: list, captioner: captioner, cache: cache) { p in
                meter.update(Int64(p.done + p.failed), of: Int64(p.total), note: p.failed > 0 ? "\(p.failed) failed" : "",
                             force: p.done + p.failed == p.total)
            }
        meter.finish()
        FileHandle.standardError.write(Data(
            "captioned \(summary.captioned), already done \(summary.skipped), failed \(summary.failures.count) -> \(output)\n".utf8))
        if let first = summary.failures.first {
            throw CLIFailure(message: "\(summary.failures.count) image(s) failed; first: \(first.image): \(first.error)")
        }
    }
}
