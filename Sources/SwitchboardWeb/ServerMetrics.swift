import Prometheus

/// The Prometheus metrics of one running server, in its own registry so that several servers in
/// one process (the tests) never share counters.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// WebSocket streams open right now (operators with the inbox open).
    let openStreams: Gauge
    /// Replies and automatic messages waiting in the outbox (queued or retrying).
    let outboxPending: Gauge
    /// Open conversations nobody has taken yet.
    let waitingConversations: Gauge

    static let webhookBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
    ]

    /// Creates the registry and the metrics that exist from the start.
    public init() {
        openStreams = registry.makeGauge(descriptor: Self.name("websocket_connections", help: "Open inbox WebSocket streams."))
        outboxPending = registry.makeGauge(descriptor: Self.name("outbox_pending", help: "Outbound messages queued or waiting to retry."))
        waitingConversations = registry.makeGauge(
            descriptor: Self.name("conversations_waiting", help: "Open conversations no operator has taken.")
        )
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }

    /// An inbox stream opened or closed.
    public func streamOpened() { openStreams.increment() }
    public func streamClosed() { openStreams.decrement() }

    /// The database-backed gauges, as read at scrape time.
    public func setQueues(outboxPending pending: Int, waitingConversations waiting: Int) {
        outboxPending.set(Double(pending))
        waitingConversations.set(Double(waiting))
    }

    /// One client message stored on `channel`.
    public func countInbound(channel: String) { messagesIn(channel: channel).increment() }
    /// One outbound message accepted by the messenger of `channel`.
    public func countSent(channel: String) { messagesOut(channel: channel).increment() }
    /// One outbound message on `channel` failed for good.
    public func countFailed(channel: String) { deliveryFailures(channel: channel).increment() }

    /// One webhook handled in `duration`.
    public func recordWebhook(kind: String, accepted: Bool, duration: Duration) {
        webhookLatency(kind: kind, outcome: accepted ? "accepted" : "refused").record(duration)
    }

    /// Client messages stored, per channel.
    func messagesIn(channel: String) -> Counter {
        registry.makeCounter(descriptor: Self.name("messages_in", unit: "total", help: "Client messages stored."), labels: [("channel", channel)])
    }

    /// Messages the messenger accepted from us, per channel.
    func messagesOut(channel: String) -> Counter {
        registry.makeCounter(
            descriptor: Self.name("messages_out", unit: "total", help: "Outbound messages the messenger accepted."),
            labels: [("channel", channel)]
        )
    }

    /// Outbound messages that failed for good, per channel.
    func deliveryFailures(channel: String) -> Counter {
        registry.makeCounter(
            descriptor: Self.name("delivery_failures", unit: "total", help: "Outbound messages that failed for good."),
            labels: [("channel", channel)]
        )
    }

    /// Time from a webhook's arrival to its answer (the commit included), per messenger and outcome.
    func webhookLatency(kind: String, outcome: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: Self.name("webhook_duration", unit: "seconds", help: "Webhook handling time, commit included."),
            labels: [("kind", kind), ("outcome", outcome)],
            buckets: Self.webhookBuckets
        )
    }

    private static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "switchboard", metricName: metric, unitName: unit, helpText: help)
    }
}
