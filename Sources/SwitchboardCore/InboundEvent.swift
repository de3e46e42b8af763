public import Foundation

/// The messenger user behind an inbound event, as the messenger describes them.
public struct SenderProfile: Sendable, Codable, Equatable {
    /// The messenger's id of the user (Telegram chat id, Viber user id).
    public var externalID: String
    public var displayName: String
    public var username: String?
    public var language: String?
    /// A phone number the user shared, if this event carries one.
    public var phone: String?
    /// The user's picture as the messenger hosts it (Viber `avatar`).
    public var avatarURL: String?
    /// ISO 3166 alpha-2 country the messenger reports (Viber `country`).
    public var country: String?

    /// Creates a profile.
    public init(
        externalID: String,
        displayName: String,
        username: String? = nil,
        language: String? = nil,
        phone: String? = nil,
        avatarURL: String? = nil,
        country: String? = nil
    ) {
        self.externalID = externalID
        self.displayName = displayName
        self.username = username
        self.language = language
        self.phone = phone
        self.avatarURL = avatarURL
        self.country = country
    }
}

/// A normalized update from any messenger: what every channel adapter produces.
public struct InboundEvent: Sendable, Equatable {
    /// What the update says.
    public enum Payload: Sendable, Equatable {
        /// The client wrote something. `contextKey` is set when the message carries a deep-link payload.
        case message(externalMessageID: String, text: String, attachments: [Attachment], contextKey: String?)
        /// The client edited an earlier message.
        case edit(externalMessageID: String, text: String)
        /// The user blocked or unblocked the bot, or (un)subscribed.
        case reachability(isReachable: Bool)
        /// The messenger reports delivery of one of our outbound messages.
        case delivery(externalMessageID: String, state: DeliveryState, reason: String?)
        /// The user opened the chat (Viber `conversation_started`) with an optional deep-link context.
        case opened(contextKey: String?)
        /// The client pressed one of our ``ReplyButton``s; `action` is the button's action. Not client text.
        case buttonPress(action: String)
        /// Anything the adapter cannot map: stored and shown as such, never dropped.
        case unsupported(kind: String, rawJSON: String)
        /// The sender's chat now has another id (a Telegram group became a supergroup); the
        /// sender's `externalID` is the old id. See `ChatMigrationRule`.
        case chatMigrated(toExternalID: String)
    }

    public var channelID: ChannelID
    /// Unique per channel for one delivery of the messenger (Telegram `update_id`, Viber `message_token`).
    /// A redelivered update carries the same key and is ignored.
    public var deliveryKey: String
    public var sender: SenderProfile
    public var occurredAt: Date
    public var payload: Payload
    /// For a `.message`: the messenger's album it is one item of (Telegram `media_group_id`). Albums
    /// arrive as one update per item; the items of one album make one stored message.
    public var albumKey: String?
    /// Set when the event comes from a group chat: the sender is the group, this says which member
    /// wrote and whether the message names the bot. Nil in private chats.
    public var group: GroupMessageFacts?

    /// Creates an inbound event.
    public init(
        channelID: ChannelID,
        deliveryKey: String,
        sender: SenderProfile,
        occurredAt: Date,
        payload: Payload,
        albumKey: String? = nil,
        group: GroupMessageFacts? = nil
    ) {
        self.channelID = channelID
        self.deliveryKey = deliveryKey
        self.sender = sender
        self.occurredAt = occurredAt
        self.payload = payload
        self.albumKey = albumKey
        self.group = group
    }
}

/// What ingesting an inbound event did.
public enum IngestOutcome: Sendable, Equatable {
    /// The event was committed; `events` were appended to the event log in the same transaction.
    case new(IngestResult)
    /// This delivery key was already ingested; nothing changed.
    case duplicate
}

/// The rows an ingested event touched.
public struct IngestResult: Sendable, Equatable {
    public var contactID: ContactID
    public var identityID: IdentityID
    public var conversationID: ConversationID?
    public var messageID: MessageID?
    public var events: [Event]

    /// Creates a result.
    public init(contactID: ContactID, identityID: IdentityID, conversationID: ConversationID?, messageID: MessageID?, events: [Event]) {
        self.contactID = contactID
        self.identityID = identityID
        self.conversationID = conversationID
        self.messageID = messageID
        self.events = events
    }
}
