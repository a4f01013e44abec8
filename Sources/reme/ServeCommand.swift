import ArgumentParser
import Foundation
import ReME
import ReMEServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve segmentation over HTTP: a JSON API and a web page (docs/serve.md).",
        discussion: """
            Loads the models and the reference set once, then answers POST /v1/segment (multipart form with \
            'image' and 'labels', or the image bytes as the body with ?labels=…), GET /v1/info, /healthz, \
            /readyz, /openapi.json, and the page at /. Binds 127.0.0.1 unless --host says otherwise; with \
            --token (or REME_SERVE_TOKEN) /v1/* needs 'Authorization: Bearer <token>'. SIGINT or SIGTERM \
            stops it after the requests in flight are answered.
            Example:
              reme serve --reference coco.refset.safetensors --port 8080
              curl -F image=@photo.jpg -F labels='cat, sofa, floor' http://127.0.0.1:8080/v1/segment
            """
    )

    @Option(help: "Address to bind (a non-loopback address without --token prints a warning).") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port; the bound one is printed).") var port = 8080
    @Option(help: ArgumentHelp("Bearer token required on /v1/* (default: $REME_SERVE_TOKEN).", valueName: "TOKEN"))
    var token: String?
    @Option(help: ArgumentHelp("Reference set from `reme build` (omit for the CLIP-only baseline).", valueName: "REFSET"))
    var reference: String?
    @Option(help: "Inferences run at the same time.") var workers = 1
    @Option(help: "Requests waiting for a worker; more are answered 503 with Retry-After.") var queue = ServerLimits().queueLimit
    @Option(help: "Largest request body in bytes.") var maxBodyBytes = ServerLimits().maxBodyBytes
    @Option(help: "Largest image (width × height) in pixels.") var maxPixels = ServerLimits().maxPixels
    @Option(help: "Most labels in one request.") var maxLabels = ServerLimits().maxLabels
    @Option(help: "Seconds before a request is answered 504 (queueing included).") var requestTimeout = ServerLimits().requestTimeout
    @Option(help: "Label lists whose class embeddings are kept in memory.") var labelCache = ServerLimits().labelListCache

    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Segments") var segments: MaskOptions
    @OptionGroup(title: "Retrieval") var retrieval: RetrievalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0…65535") }
        guard workers >= 1, workers <= 64 else { throw ValidationError("--workers must be in 1…64") }
        guard queue >= 0 else { throw ValidationError("--queue must not be negative") }
        guard maxBodyBytes >= 1024, maxPixels >= 1, maxLabels >= 1, labelCache >= 1 else {
            throw ValidationError("--max-body-bytes (≥ 1024), --max-pixels, --max-labels and --label-cache must be positive")
        }
        guard requestTimeout > 0, requestTimeout.isFinite else { throw ValidationError("--request-timeout must be positive") }
        guard segments.masks == nil else {
            throw ValidationError("--masks names files on this machine; the server segments with Felzenszwalb only")
        }
    }

    func run() async throws {
        var limits = ServerLimits()
        limits.workers = workers
        limits.queueLimit = queue
        limits.maxBodyBytes = maxBodyBytes
        limits.maxPixels = maxPixels
        limits.maxLabels = maxLabels
        limits.requestTimeout = requestTimeout
        limits.labelListCache = labelCache
        let secret = token ?? ProcessInfo.processInfo.environment["REME_SERVE_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let configuration = ServerConfiguration(host: host, port: port, token: secret, limits: limits)
        if !configuration.isLoopback && secret == nil {
            FileHandle.standardError.write(Data(("reme serve: warning: binding \(host) without --token: anyone who can reach "
                + "this address can use the server\n").utf8))
        }
        let loaded = try ServeModels.load(models: models, segments: segments, retrieval: retrieval, reference: reference,
                                          labelCache: labelCache)
        let info = try ServeModels.info(loaded, limits: limits, models: models, retrieval: retrieval, segments: segments)
        let server = SegmentServer(configuration: configuration, segmenter: loaded.segmenter, info: info)
        let workerCount = limits.workers
        let mode = reference == nil ? "CLIP-only baseline" : "reference set \(URL(fileURLWithPath: reference ?? "").lastPathComponent)"
        try await server.serviceGroup { host, port in
            let line = "reme serve: listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port) (\(mode), \(workerCount) worker(s))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }.run()
        FileHandle.standardOutput.write(Data("reme serve: stopped\n".utf8))
    }
}
