public import Foundation

/// What removing a channel did: its conversations stay, with their history, in the inbox; replies
/// still waiting to go out through it fail with a reason the operator sees.
public struct ChannelRemoval: Sendable, Equatable, Codable {
    public var name: String
    /// Conversations of the channel, kept readable (and searchable) in the inbox.
    public var conversationsKept: Int
    /// Queued replies that can no longer be sent and were marked failed.
    public var repliesFailed: Int

    /// Creates a value.
    public init(name: String, conversationsKept: Int, repliesFailed: Int) {
        self.name = name
        self.conversationsKept = conversationsKept
        self.repliesFailed = repliesFailed
    }
}

/// What removing a channel writes: the replies still queued through it fail with the admin's reason,
/// each announced, and the channel's name is freed for a new channel.
public struct ChannelRemovalPlan: Sendable, Equatable {
    /// A reply waiting in the outbox of the channel.
    public struct Queued: Sendable, Equatable {
        public var messageID: MessageID
        public var conversationID: ConversationID

        public init(messageID: MessageID, conversationID: ConversationID) {
            self.messageID = messageID
            self.conversationID = conversationID
        }
    }

    public var removal: ChannelRemoval
    /// The name the removed row keeps, so the real name can be used again.
    public var retiredName: String
    public var failures: [DeliveryPayload]
    public var events: [EventDraft]

    public init(channel id: ChannelID, name: String, queued: [Queued], conversationsKept: Int, reason: String, at now: Date) {
        removal = ChannelRemoval(name: name, conversationsKept: conversationsKept, repliesFailed: queued.count)
        retiredName = "\(name)~removed-\(id)"
        failures = queued.map { DeliveryPayload(messageID: $0.messageID, conversationID: $0.conversationID, state: .failed, reason: reason) }
        events = failures.map {
            EventDraft(.messageDelivery, at: now, conversation: $0.conversationID, message: $0.messageID, payload: .delivery($0))
        }
    }
}
