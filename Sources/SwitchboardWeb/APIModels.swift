import Foundation
import SwitchboardCore

/// A page of a list and where the next one starts.
struct Page<Item: Encodable>: Encodable {
    let items: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present, null on the last page, so clients can rely on the key.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// A list without paging.
struct Items<Item: Encodable>: Encodable {
    let items: [Item]
}

/// An attachment as the inbox shows it; `url` is set when the file is stored and can be fetched.
struct AttachmentDTO: Encodable {
    let kind: AttachmentKind
    let fileName: String?
    let mimeType: String?
    let byteCount: Int64?
    let url: String?
    let details: [String: String]

    init(_ attachment: Attachment) {
        kind = attachment.kind
        fileName = attachment.fileName
        mimeType = attachment.mimeType
        byteCount = attachment.byteCount
        url = attachment.storedPath.map { "/api/v1/media/" + $0 }
        details = attachment.details
    }
}

/// A message of the client's timeline.
struct TimelineMessageDTO: Encodable {
    let id: MessageID
    let conversationID: ConversationID
    let direction: MessageDirection
    let author: MessageAuthor
    let authorName: String?
    let text: String
    let attachments: [AttachmentDTO]
    let externalID: String?
    let deliveryState: DeliveryState?
    let failureReason: String?
    let createdAt: Date
    let editedAt: Date?
    let deletedAt: Date?
    /// The latest operator edit or deletion and how far it got to the messenger.
    let revision: RevisionStatus?
    let channel: ChannelRef
    let sentiment: Sentiment?
    /// Set on a client message stored without the usual handling (banned client, flood control).
    let hold: MessageHold?
    /// In a group conversation, the member who wrote the client message.
    let member: GroupMember?

    init(_ entry: TimelineEntry) {
        let message = entry.message
        id = message.id
        conversationID = message.conversationID
        direction = message.direction
        author = message.author
        // In a group the client is the group: the member who wrote is the author.
        authorName = message.member?.displayName ?? entry.authorName
        text = message.text
        attachments = message.attachments.map(AttachmentDTO.init)
        externalID = message.externalID
        deliveryState = message.deliveryState
        failureReason = message.failureReason
        createdAt = message.createdAt
        editedAt = message.editedAt
        deletedAt = message.deletedAt
        revision = entry.revision
        channel = entry.channel
        sentiment = message.sentiment
        hold = message.hold
        member = message.member
    }
}

/// An identity with its channel, for the client panel.
struct IdentityDTO: Encodable {
    /// The identities of a contact, each with the channel it belongs to.
    static func list(_ identities: [Identity], channels: [Channel]) -> [IdentityDTO] {
        identities.map { identity in
            IdentityDTO(identity, channel: channels.first { $0.id == identity.channelID }.map { ChannelRef(id: $0.id, kind: $0.kind, name: $0.name) })
        }
    }

    let id: IdentityID
    let contactID: ContactID
    let channelID: ChannelID
    let externalID: String
    let username: String?
    let profileName: String?
    let language: String?
    let isReachable: Bool
    let channel: ChannelRef?

    init(_ identity: Identity, channel: ChannelRef?) {
        id = identity.id
        contactID = identity.contactID
        channelID = identity.channelID
        externalID = identity.externalID
        username = identity.username
        profileName = identity.profileName
        language = identity.language
        isReachable = identity.isReachable
        self.channel = channel
    }
}

/// A conversation with everything the middle and right panes need.
struct ConversationDetailDTO: Encodable {
    let id: ConversationID
    let status: ConversationStatus
    let contact: Contact
    let channel: ChannelRef
    let assignee: OperatorRef?
    let departmentID: DepartmentID?
    let contextKey: String?
    let openedAt: Date
    let lastMessageAt: Date
    let awaitingReply: Bool
    let lastMessage: MessagePreview?
    let identities: [IdentityDTO]
    let previousConversations: [ConversationSummary]
    let sentiment: SentimentCounts
    let escalated: Bool
    /// The deep-link context the conversation arrived with; nil when it came without one.
    let context: ContextDTO?
    /// Labels on this conversation, and on its contact (shared by every operator).
    let labels: [String]
    let contactLabels: [String]
    /// Merges into this contact that can be undone, newest first.
    let merges: [ContactMerge]
    /// Other contacts with the same verified phone number, offered for linking.
    let phoneMatches: [ContactRef]
    /// The identity a reply goes to unless the operator picks another: the one the client last wrote from.
    let replyIdentityID: IdentityID?
    /// The client's answers to "was your question resolved?", the score and the comment; nil when not asked.
    let feedback: ConversationFeedback?
    /// The client's ban, nil when not banned.
    let ban: ContactBan?
}

/// A contact with their identities and conversations.
struct ContactDetailDTO: Encodable {
    let id: ContactID
    let displayName: String
    let preferredName: String?
    let phone: String?
    let language: String?
    let notes: String
    let identities: [IdentityDTO]
    let conversations: [ConversationSummary]
    /// Labels every operator sees on this client.
    let labels: [String]
    /// Merges into this contact that can be undone, newest first.
    let merges: [ContactMerge]
    /// Other contacts with the same verified phone number, offered for linking.
    let phoneMatches: [ContactRef]
    /// The client's ban, nil when not banned.
    let ban: ContactBan?
}

/// A canned reply as the API shows it.
struct CannedReplyDTO: Encodable {
    let id: Int64
    let shortcut: String
    let title: String
    let body: String
    let shared: Bool
    let ownerID: OperatorID?

    init(_ reply: CannedReply) {
        id = reply.id
        shortcut = reply.shortcut
        title = reply.title
        body = reply.body
        shared = reply.isShared
        ownerID = reply.ownerID
    }
}
