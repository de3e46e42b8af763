extension CurlTransport {
    /// Settings fixed for the transport's lifetime.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// Proxy for every request unless the request overrides it: `socks5h://host:port` (the proxy
        /// resolves names, which is what censored networks need), `socks5://`, `http://` or `https://`.
        /// `nil` connects directly; proxy environment variables are ignored either way.
        public var proxy: String?
        /// Default limit for a whole transfer.
        public var timeout: Duration
        /// Default limit for establishing a connection.
        public var connectTimeout: Duration
        /// Worker threads, each owning one reused libcurl handle; also the number of requests in flight at once.
        public var maxConcurrentRequests: Int
        /// How long a worker thread waits for a request before it exits, closing its kept-alive connections.
        public var idleWorkerTimeout: Duration
        /// `User-Agent` sent with every request.
        public var userAgent: String
        /// Largest response body accepted, so a broken server cannot exhaust memory.
        public var maxResponseBytes: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - proxy: Proxy URL, or `nil` for direct connections.
        ///   - timeout: Default total time limit (30 s).
        ///   - connectTimeout: Default connect time limit (10 s).
        ///   - maxConcurrentRequests: Worker threads (4); values below 1 mean 1.
        ///   - idleWorkerTimeout: Idle time after which a worker thread exits (60 s).
        ///   - userAgent: The `User-Agent` header.
        ///   - maxResponseBytes: Response body limit (64 MiB).
        public init(
            proxy: String? = nil,
            timeout: Duration = .seconds(30),
            connectTimeout: Duration = .seconds(10),
            maxConcurrentRequests: Int = 4,
            idleWorkerTimeout: Duration = .seconds(60),
            userAgent: String = "Switchboard",
            maxResponseBytes: Int = 64 << 20
        ) {
            self.proxy = proxy
            self.timeout = timeout
            self.connectTimeout = connectTimeout
            self.maxConcurrentRequests = max(1, maxConcurrentRequests)
            self.idleWorkerTimeout = idleWorkerTimeout
            self.userAgent = userAgent
            self.maxResponseBytes = maxResponseBytes
        }

        /// The settings with the proxy shown as its origin only, since proxy URLs may carry a password.
        public var description: String {
            let proxy = self.proxy.map(RedactedURL.origin(of:)) ?? "none"
            return "CurlTransport.Configuration(proxy: \(proxy), timeout: \(self.timeout), "
                + "connectTimeout: \(self.connectTimeout), maxConcurrentRequests: \(self.maxConcurrentRequests))"
        }
    }
}
