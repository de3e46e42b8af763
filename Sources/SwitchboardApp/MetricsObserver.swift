import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore
public import SwitchboardWeb

/// Counts messages in and out and final delivery failures per channel from the committed events
/// (and notes each channel's latest client message and failure for the admin's live view),
/// so every path that stores a message (webhook, poller, inbox, automation) is counted the same way.
public struct MetricsObserver: Service {
    let store: any Store
    let bus: any EventBus
    let metrics: ServerMetrics
    let activity: ChannelActivity
    let logger: Logger

    /// The two event payload fields the counters need.
    struct Fields: Decodable {
        var direction: MessageDirection?
        var state: DeliveryState?
        var reason: String?
    }

    /// Creates the observer.
    public init(store: any Store, bus: any EventBus, metrics: ServerMetrics, activity: ChannelActivity, logger: Logger) {
        self.store = store
        self.bus = bus
        self.metrics = metrics
        self.activity = activity
        self.logger = logger
    }

    public func run() async throws {
        let subscription = try await bus.subscribe(after: nil)
        let names = ChannelNames(store: store)
        try await withGracefulShutdownHandler {
            for try await event in subscription {
                do {
                    try await count(event, names: names)
                } catch {
                    logger.warning("metrics could not count an event", metadata: ["seq": "\(event.seq)", "error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            Task { await subscription.cancel() }
        }
    }

    private func count(_ event: Event, names: ChannelNames) async throws {
        guard event.kind == .messageCreated || event.kind == .messageDelivery, let conversationID = event.conversationID else { return }
        let fields = try JSONDecoder().decode(Fields.self, from: Data(event.payload.utf8))
        switch (event.kind, fields.direction, fields.state) {
        case (.messageCreated, .inbound?, _):
            let channel = try await names.channel(of: conversationID)
            metrics.countInbound(channel: channel)
            await activity.recordInbound(channel: channel, at: event.occurredAt)
        case (.messageDelivery, _, .sent?):
            metrics.countSent(channel: try await names.channel(of: conversationID))
        case (.messageDelivery, _, .failed?):
            let channel = try await names.channel(of: conversationID)
            metrics.countFailed(channel: channel)
            await activity.recordFailure(channel: channel, reason: fields.reason ?? "failed", at: event.occurredAt)
        default:
            return
        }
    }
}

/// Which channel a conversation belongs to, by name; both facts never change, so they are cached.
actor ChannelNames {
    let store: any Store
    private var byConversation: [ConversationID: String] = [:]
    private var byChannel: [ChannelID: String] = [:]

    init(store: any Store) {
        self.store = store
    }

    func channel(of conversationID: ConversationID) async throws -> String {
        if let name = byConversation[conversationID] { return name }
        guard let channelID = try await store.conversation(conversationID)?.channelID else { return "unknown" }
        if byChannel[channelID] == nil {
            for channel in try await store.channels() { byChannel[channel.id] = channel.name }
        }
        let name = byChannel[channelID] ?? "unknown"
        // Bounded: a desk with a long history must not grow this cache forever.
        if byConversation.count >= 50_000 { byConversation.removeAll(keepingCapacity: true) }
        byConversation[conversationID] = name
        return name
    }
}
