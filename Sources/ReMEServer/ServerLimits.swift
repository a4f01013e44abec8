/// What one request may ask of the server (docs/serve.md, "Limits"); every limit is a
/// `reme serve` option.
public struct ServerLimits: Sendable, Equatable {
    /// Request body bytes (the encoded image plus form fields).
    public var maxBodyBytes: Int = 20 << 20
    /// Decoded image width × height.
    public var maxPixels: Int = 16_000_000
    /// Labels in one request.
    public var maxLabels: Int = 256
    /// Seconds from a request's arrival to its answer, queueing included; past it the answer is 504.
    public var requestTimeout: Double = 120
    /// Inferences run at the same time.
    public var workers: Int = 1
    /// Requests waiting for a worker; one more is answered 503 with Retry-After.
    public var queueLimit: Int = 16
    /// Label lists whose class embeddings are kept (the oldest is dropped first).
    public var labelListCache: Int = 32

    public init() {}
}

/// Where the server listens and who may call it.
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port (printed once listening).
    public var port: Int = 8080
    /// When set, /v1/* needs `Authorization: Bearer <token>`.
    public var token: String?
    public var limits = ServerLimits()

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, limits: ServerLimits = ServerLimits()) {
        self.host = host
        self.port = port
        self.token = token
        self.limits = limits
    }

    /// True for addresses only this machine can reach.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
