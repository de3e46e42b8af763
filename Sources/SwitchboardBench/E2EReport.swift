/// What `bench e2e` measured on one server.
public struct E2EServerReport: Sendable {
    /// One flood or one open-loop rate.
    public struct Phase: Sendable {
        /// "64 connections" or "500 msg/s".
        public var name: String
        /// The rate asked for; nil for the closed-loop flood.
        public var rate: Double?
        public var sent: Int
        public var acknowledged: Int
        /// Acknowledged messages per second, from the first message due to the last answer.
        public var throughput: Double
        /// Webhook sent (or due, for a rate) → 2xx answer.
        public var acknowledgement: LatencySummary
        /// Webhook sent (or due) → its `message.created` frame on the operator's WebSocket; nil without a stream.
        public var frame: LatencySummary?
        /// Server CPU time from the phase's start until it was idle again, per acknowledged message, in µs.
        public var cpuPerMessage: Double
        /// Seconds the server kept working after the last answer; nil when it was still busy at the drain timeout.
        public var drainSeconds: Double?
    }

    /// "switchboard" or "minimal".
    public var name: String
    public var phases: [Phase]
    /// Resident memory after start-up (and sign-in), before any flood.
    public var idleResidentBytes: Int
    /// Resident memory once the server was idle after the last flood.
    public var afterResidentBytes: Int
    /// The peak over the whole run (`VmHWM`).
    public var peakResidentBytes: Int
    /// Whether every acknowledged message was stored once (and streamed once, where a stream listened).
    public var check: DeliveryCheck
}

/// Both servers' figures from one run.
public struct E2EReport: Sendable {
    public var switchboard: E2EServerReport
    /// Nil when the minimal server was skipped (`--short`, `--no-minimal`).
    public var minimal: E2EServerReport?
    /// Size of one callback body in bytes.
    public var bodyBytes: Int
}
