public import Foundation

/// Decides which committed events become topic jobs: a conversation of a channel in topic mode has
/// its client's messages and the inbox's replies mirrored, and its topic closed and reopened with it.
public enum TopicFanOut {
    /// What the fan-out knows about the conversations of a page of events.
    public struct Snapshot: Sendable, Equatable {
        /// The channel of each conversation the events touch.
        public var channelOf: [ConversationID: ChannelID]
        /// Messages that came from the staff group itself (an operator's answer written in the topic):
        /// already there, never mirrored back.
        public var fromTopic: Set<MessageID>

        /// Creates a snapshot.
        public init(channelOf: [ConversationID: ChannelID], fromTopic: Set<MessageID>) {
            self.channelOf = channelOf
            self.fromTopic = fromTopic
        }
    }

    /// The jobs for `events`, in `seq` order.
    /// - Parameter topicChannels: channels with a staff group connected.
    public static func plan(_ events: [Event], snapshot: Snapshot, topicChannels: Set<ChannelID>) -> [TopicJobDraft] {
        events.compactMap { event in
            guard let conversation = event.conversationID, let channel = snapshot.channelOf[conversation], topicChannels.contains(channel),
                let kind = kind(of: event, fromTopic: snapshot.fromTopic)
            else { return nil }
            return TopicJobDraft(
                channelID: channel,
                conversationID: conversation,
                kind: kind,
                source: "event:\(event.seq)",
                queuedAt: event.occurredAt
            )
        }
    }

    private static func kind(of event: Event, fromTopic: Set<MessageID>) -> TopicJobKind? {
        let decoder = EventPayloadCoding.decoder()
        switch event.kind {
        case .messageCreated:
            guard let message = try? decoder.decode(Message.self, from: Data(event.payload.utf8)), !fromTopic.contains(message.id) else {
                return nil
            }
            return mirrors(message) ? .mirror(message.id) : nil
        case .conversationStatusChanged:
            guard let change = try? decoder.decode(StatusChangePayload.self, from: Data(event.payload.utf8)) else { return nil }
            if change.to == .resolved, change.from != .resolved { return .close }
            if change.from == .resolved, change.to != .resolved { return .reopen }
            return nil
        default:
            return nil
        }
    }

    /// The client's messages and what the desk sent them; notes stay in the inbox.
    static func mirrors(_ message: Message) -> Bool {
        switch (message.direction, message.author) {
        case (.inbound, .client): true
        case (.outbound, .operator), (.outbound, .bot): true
        default: false
        }
    }
}
