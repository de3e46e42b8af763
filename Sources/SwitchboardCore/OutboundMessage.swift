/// A normalized message to a client: what every channel adapter consumes.
public struct OutboundMessage: Sendable, Equatable {
    /// Our stored message; adapters use it for logging and idempotency hints.
    public var messageID: MessageID
    public var channelID: ChannelID
    /// The messenger's id of the recipient (Telegram chat id, Viber user id).
    public var recipientExternalID: String
    public var text: String
    public var attachments: [Attachment]
    /// Who the client should see as the sender: the operator once assigned, else the bot persona.
    public var sender: Persona
    /// Whether the sender is a person (adapters may sign the text with the name).
    public var isFromOperator: Bool
    /// Asks the client to share their phone number (Telegram: a `request_contact` keyboard button).
    public var requestsPhone: Bool
    /// Buttons to show under the message (Telegram inline keyboard, Viber keyboard); empty for none.
    public var buttons: [ReplyButton]

    /// Creates an outbound message.
    public init(
        messageID: MessageID,
        channelID: ChannelID,
        recipientExternalID: String,
        text: String,
        attachments: [Attachment] = [],
        sender: Persona,
        isFromOperator: Bool,
        requestsPhone: Bool = false,
        buttons: [ReplyButton] = []
    ) {
        self.messageID = messageID
        self.channelID = channelID
        self.recipientExternalID = recipientExternalID
        self.text = text
        self.attachments = attachments
        self.sender = sender
        self.isFromOperator = isFromOperator
        self.requestsPhone = requestsPhone
        self.buttons = buttons
    }
}

/// The messenger accepted an outbound message.
public struct DeliveryReceipt: Sendable, Equatable {
    /// The messenger's id of what it stored (several ids joined when the text was split).
    public var externalMessageID: String?

    /// Creates a receipt.
    public init(externalMessageID: String?) {
        self.externalMessageID = externalMessageID
    }
}

/// Why an adapter could not send, classified so the dispatcher knows whether to retry.
public enum DeliveryFailure: Error, Sendable, Equatable {
    /// The messenger asked us to wait (Telegram 429 `retry_after`).
    case retryAfter(seconds: Double, reason: String)
    /// Network trouble or a 5xx: try again later.
    case transient(reason: String)
    /// Will never work as is (blocked by the user, bad request). `recipientUnreachable` marks the identity.
    case permanent(reason: String, recipientUnreachable: Bool)
    /// The recipient's chat has a new id and refuses the old one (a Telegram group became a
    /// supergroup): the identity moves there (`ChatMigrationRule`) and the message is sent again.
    case recipientMoved(toExternalID: String, reason: String)
}

/// One messenger bot's outbound side, as the engine sees it.
public protocol ChannelAdapter: Sendable {
    /// Sends one message to its recipient, skipping the parts an earlier attempt got accepted.
    /// - Parameter progress: the parts already accepted; the adapter sends only the ones after them.
    /// - Returns: the receipt of the whole message, earlier parts included.
    /// - Throws: `PartialDeliveryFailure` when a part fails after this call got others accepted (it names
    ///   every part accepted so far), else `DeliveryFailure`; any other error is treated as transient.
    func send(_ message: OutboundMessage, resuming progress: DeliveryProgress) async throws -> DeliveryReceipt
    /// Shows "typing…" to the recipient while an operator writes; best effort, errors are ignored.
    func sendTyping(to recipientExternalID: String) async
}

extension ChannelAdapter {
    /// Sends a message none of whose parts went out yet.
    public func send(_ message: OutboundMessage) async throws -> DeliveryReceipt {
        try await send(message, resuming: .none)
    }

    /// Shows "typing…" to the recipient where the messenger supports it; by default nothing.
    public func sendTyping(to recipientExternalID: String) async {}
}

/// Finds the adapter that sends for a channel.
public protocol ChannelAdapterRegistry: Sendable {
    /// The adapter of a channel, or nil when the channel is unknown or paused.
    func adapter(for channelID: ChannelID) async -> (any ChannelAdapter)?
}
