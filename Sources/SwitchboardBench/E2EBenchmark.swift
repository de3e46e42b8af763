public import Foundation

/// `switchboard bench e2e`: the real server, in a child process, flooded with signed Viber
/// callbacks while a signed-in operator listens on the inbox stream; then the same floods against
/// a minimal decode-and-insert server, for the ratio.
public struct E2EBenchmark: Sendable {
    /// What to run.
    public struct Options: Sendable {
        /// Keep-alive connections of the closed-loop flood and of each rate.
        public var connections = 64
        /// Length of the closed-loop flood.
        public var floodSeconds = 10.0
        /// At most this many messages in the closed-loop flood (nil: as many as fit in `floodSeconds`).
        public var floodLimit: Int? = nil
        /// Open-loop rates, messages per second, one after the other.
        public var rates: [Double] = [200, 500, 1000]
        /// Length of each rate.
        public var rateSeconds = 5.0
        /// Distinct clients the messages come from.
        public var clients = 200
        /// Whether to flood the minimal server too.
        public var minimal = true
        /// How long to wait for a server to go idle after a phase before giving up on its drain.
        public var drainTimeout = 120.0
        /// A new, empty folder for the databases and server logs.
        public var directory: URL

        /// Creates options with the defaults.
        public init(directory: URL) {
            self.directory = directory
        }
    }

    let options: Options
    /// Progress lines; the command prints them.
    let progress: @Sendable (String) -> Void

    /// Creates the benchmark.
    public init(options: Options, progress: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.progress = progress
    }

    /// Runs both servers one after the other.
    /// - Throws: when a server cannot be started, set up or signed in to.
    public func run() async throws -> E2EReport {
        let factory = ViberCallbackFactory(token: SwitchboardUnderTest.viberToken, clients: options.clients)
        let numbers = Counter()
        let switchboard = try await SwitchboardUnderTest(options: options, factory: factory, progress: progress).run(numbers: numbers)
        var minimal: E2EServerReport? = nil
        if options.minimal {
            minimal = try await MinimalUnderTest(options: options, factory: factory, progress: progress).run(numbers: numbers)
        }
        return E2EReport(switchboard: switchboard, minimal: minimal, bodyBytes: factory.callback(0).body.count)
    }
}
