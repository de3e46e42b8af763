public import Foundation

/// The rows the ingest of one inbound event reads, loaded by a store inside its write transaction.
///
/// Everything `IngestDecision` needs to decide is here, so the rules run without a database.
public struct IngestSnapshot: Sendable, Equatable {
    /// The channel the event arrived on.
    public var channel: IngestChannel
    /// The sender's identity on this channel, nil for a first-time sender.
    public var identity: IdentityRow?
    /// The identity's latest conversation, nil when it has none.
    public var latest: LatestConversation?
    /// The stored message whose external id the event names (a retry, an edit, a delivery report).
    public var message: Message?
    /// The stored message of the album the event's message belongs to (see `IngestReads.albumKey`), nil for its first item.
    public var album: Message?
    /// The deep-link context the event claims (see `IngestReads.contextKey`), when that key exists.
    public var context: StoredContext?
    /// The contact, when an operator asked the client how to address them and the answer is due.
    public var contactAskedForAddress: Contact?
    /// Whether the department a pressed button names exists.
    public var pressedDepartmentExists: Bool
    /// The identity of the chat a migration moves to (see `IngestReads.migrationTarget`), when it has one.
    public var migrationTarget: IdentityRow?
    /// The ids the next inserted rows get; a decision that creates a row uses them.
    public var nextIDs: ReservedIDs
    /// The sender's contact's ban, nil when it is not banned.
    public var ban: ContactBan?
    /// For a banned contact: its latest conversation on any identity, where a message from an
    /// identity without a conversation of its own is kept.
    public var contactLatest: ConversationID?
    /// The desk's flood limits.
    public var floodLimits: FloodLimits

    /// Creates a snapshot.
    public init(
        channel: IngestChannel,
        identity: IdentityRow? = nil,
        latest: LatestConversation? = nil,
        message: Message? = nil,
        album: Message? = nil,
        context: StoredContext? = nil,
        contactAskedForAddress: Contact? = nil,
        pressedDepartmentExists: Bool = false,
        migrationTarget: IdentityRow? = nil,
        nextIDs: ReservedIDs,
        ban: ContactBan? = nil,
        contactLatest: ConversationID? = nil,
        floodLimits: FloodLimits = .standard
    ) {
        self.migrationTarget = migrationTarget
        self.channel = channel
        self.identity = identity
        self.latest = latest
        self.message = message
        self.album = album
        self.context = context
        self.contactAskedForAddress = contactAskedForAddress
        self.pressedDepartmentExists = pressedDepartmentExists
        self.nextIDs = nextIDs
        self.ban = ban
        self.contactLatest = contactLatest
        self.floodLimits = floodLimits
    }
}

/// What ingest needs to know of a channel.
public struct IngestChannel: Sendable, Equatable {
    public var id: ChannelID
    /// New conversations start in this department.
    public var defaultDepartmentID: DepartmentID?
    /// The channel asks a new client which team should help.
    public var asksDepartment: Bool
    /// At least one department exists to be chosen.
    public var departmentsExist: Bool
    /// Every group message is for the desk, not only those addressed to the bot (see `GroupAddressRule`).
    public var answersEveryGroupMessage: Bool

    public init(
        id: ChannelID,
        defaultDepartmentID: DepartmentID? = nil,
        asksDepartment: Bool = false,
        departmentsExist: Bool = false,
        answersEveryGroupMessage: Bool = false
    ) {
        self.id = id
        self.answersEveryGroupMessage = answersEveryGroupMessage
        self.defaultDepartmentID = defaultDepartmentID
        self.asksDepartment = asksDepartment
        self.departmentsExist = departmentsExist
    }
}

/// A stored identity with the deep-link key it holds for its first message.
public struct IdentityRow: Sendable, Equatable {
    public var identity: Identity
    /// A context key from opening the chat (Viber `conversation_started`), waiting for the first message.
    public var pendingContextKey: String?
    /// Flood control's count of the identity, nil before its first counted message.
    public var flood: FloodState?

    public init(identity: Identity, pendingContextKey: String? = nil, flood: FloodState? = nil) {
        self.identity = identity
        self.pendingContextKey = pendingContextKey
        self.flood = flood
    }
}

/// The identity's latest conversation with the routing and automation state ingest rules read.
public struct LatestConversation: Sendable, Equatable {
    public var conversation: Conversation
    /// The holder (if any) is online now.
    public var holderIsOnline: Bool
    /// It jumped its queue because the client asked for a human.
    public var isEscalated: Bool
    /// When it entered its queue, nil when it is not waiting.
    public var queuedAt: Date?
    /// It waits for the client to choose a department.
    public var awaitsDepartment: Bool
    /// The in-messenger feedback asked after its resolution.
    public var feedback: ConversationFeedback?
    /// Set when the automation closed it: whether a new message may reopen it.
    public var autoCloseReopens: Bool?

    public init(
        conversation: Conversation,
        holderIsOnline: Bool = false,
        isEscalated: Bool = false,
        queuedAt: Date? = nil,
        awaitsDepartment: Bool = false,
        feedback: ConversationFeedback? = nil,
        autoCloseReopens: Bool? = nil
    ) {
        self.conversation = conversation
        self.holderIsOnline = holderIsOnline
        self.isEscalated = isEscalated
        self.queuedAt = queuedAt
        self.awaitsDepartment = awaitsDepartment
        self.feedback = feedback
        self.autoCloseReopens = autoCloseReopens
    }
}

/// A registered deep-link context as ingest sees it.
public struct StoredContext: Sendable, Equatable {
    public var key: String
    /// The identity that claimed it, nil while unclaimed.
    public var ownerID: IdentityID?
    public var expiresAt: Date

    public init(key: String, ownerID: IdentityID? = nil, expiresAt: Date) {
        self.key = key
        self.ownerID = ownerID
        self.expiresAt = expiresAt
    }
}

/// The ids the next rows of each table get. A store reserves them inside its transaction
/// (SQLite's `sqlite_sequence`, a PostgreSQL sequence), so a decision can name rows it creates.
public struct ReservedIDs: Sendable, Equatable {
    public var contact: ContactID
    public var identity: IdentityID
    public var conversation: ConversationID
    public var message: MessageID

    public init(contact: ContactID, identity: IdentityID, conversation: ConversationID, message: MessageID) {
        self.contact = contact
        self.identity = identity
        self.conversation = conversation
        self.message = message
    }
}

/// Which rows a store loads for an event, so the store does not decide that itself.
public enum IngestReads {
    /// A context key longer than any Switchboard hands out is kept only this long (it shows as "missing").
    public static let maxStoredContextKey = 128

    /// The external message id whose stored message the decision needs.
    public static func messageExternalID(_ event: InboundEvent) -> String? {
        switch event.payload {
        case .message(let externalID, _, _, _), .edit(let externalID, _), .delivery(let externalID, _, _): externalID
        case .reachability, .opened, .buttonPress, .unsupported, .chatMigrated: nil
        }
    }

    /// The album whose stored message the decision needs: a client message's `albumKey`.
    public static func albumKey(_ event: InboundEvent) -> String? {
        guard case .message = event.payload else { return nil }
        return event.albumKey
    }

    /// The context key the event claims: its own deep-link key, or for a message the key that
    /// waited on the identity since the chat was opened.
    public static func contextKey(_ event: InboundEvent, pendingContextKey: String?) -> String? {
        let key: String? =
            switch event.payload {
            case .message(_, _, _, let contextKey): contextKey ?? pendingContextKey
            case .opened(let contextKey): contextKey
            // An edit of an unseen message and an unsupported update are stored as the client's messages too.
            case .edit, .unsupported: pendingContextKey
            case .reachability, .delivery, .buttonPress, .chatMigrated: nil
            }
        return key.map { String($0.prefix(maxStoredContextKey)) }
    }

    /// The chat a migration moves the sender to, whose identity the decision needs.
    public static func migrationTarget(_ event: InboundEvent) -> String? {
        guard case .chatMigrated(let target) = event.payload else { return nil }
        return target
    }

    /// The department a pressed button names.
    public static func pressedDepartment(_ event: InboundEvent) -> DepartmentID? {
        guard case .buttonPress(let action) = event.payload else { return nil }
        return DepartmentChoice.department(in: action)
    }
}
