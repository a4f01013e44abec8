import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `reme serve`: the HTTP API and web page over a loaded `ImageSegmenting` (docs/serve.md).
public struct SegmentServer: Sendable {
    public let configuration: ServerConfiguration
    let responder: APIResponder

    /// - Parameter info: the JSON object `GET /v1/info` answers with.
    public init(configuration: ServerConfiguration, segmenter: any ImageSegmenting, info: Data) {
        self.configuration = configuration
        let limits = configuration.limits
        responder = APIResponder(configuration: configuration, segmenter: segmenter,
                                 pool: WorkerPool(workers: limits.workers, queueLimit: limits.queueLimit),
                                 state: ServerState(), info: info)
    }

    /// The service group that runs the server: `run()` returns after a graceful shutdown (one of
    /// `signals`, or `triggerGracefulShutdown()`), once the requests in flight are answered.
    /// - Parameter onListening: called with the bound host and port (useful with port 0).
    public func serviceGroup(signals: [UnixSignal] = [.sigterm, .sigint],
                             onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in }) -> ServiceGroup {
        let host = configuration.host
        // Hummingbird's own "listening" line would repeat ours on stdout; its warnings still show.
        var logger = Logger(label: "reme.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        let app = Application(responder: responder,
                              configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port),
                                                                      serverName: nil),
                              onServerRunning: { channel in await onListening(host, channel.localAddress?.port ?? 0) },
                              logger: logger)
        // The watcher is listed last so that it hears of the shutdown first (services stop in reverse order).
        return ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: ShutdownWatcher(state: responder.state), successTerminationBehavior: .ignore)],
            gracefulShutdownSignals: signals, cancellationSignals: [], logger: logger))
    }
}
