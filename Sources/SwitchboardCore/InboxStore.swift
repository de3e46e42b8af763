public import Foundation

/// A signed-in operator's session; the token itself is never stored, only its hash.
public struct OperatorSession: Sendable, Equatable {
    public var tokenHash: String
    public var operatorID: OperatorID
    public var csrfToken: String
    public var expiresAt: Date

    /// Creates a session.
    public init(tokenHash: String, operatorID: OperatorID, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.operatorID = operatorID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// Where a conversation list page starts: after this (lastMessageAt, id) in descending order.
public struct ConversationCursor: Sendable, Equatable {
    public var lastMessageAt: Date
    public var id: ConversationID

    /// Creates a cursor.
    public init(lastMessageAt: Date, id: ConversationID) {
        self.lastMessageAt = lastMessageAt
        self.id = id
    }
}

/// What the web inbox and the continuity service read and change, each operation one transaction
/// with its events: sign-in and sessions, conversation lists, notes, assignment, canned replies,
/// search, identity linking and merging, labels, API keys and deep-link contexts.
public protocol InboxStore: Store {
    /// An operator with their password hash, by login, for sign-in.
    func credentials(login: String) async throws -> (operator: Operator, passwordHash: String, active: Bool)?
    /// An operator and their departments.
    func viewer(_ id: OperatorID) async throws -> (Operator, Viewer)?
    /// Every active operator.
    func operators() async throws -> [Operator]

    /// Stores a new session, created at `now`; sessions expired by then are dropped.
    func createSession(_ session: OperatorSession, at now: Date) async throws
    /// A live session by token hash, or nil when unknown or expired.
    func session(tokenHash: String, now: Date) async throws -> OperatorSession?
    /// Ends a session.
    func deleteSession(tokenHash: String) async throws

    /// A page of conversations, newest activity first.
    func conversations(
        _ filter: ConversationFilter,
        viewer: Viewer,
        channelID: ChannelID?,
        departmentID: DepartmentID?,
        after cursor: ConversationCursor?,
        limit: Int
    ) async throws -> [ConversationSummary]
    /// One conversation's summary, if the viewer may see it.
    func conversationSummary(_ id: ConversationID, viewer: Viewer) async throws -> ConversationSummary?
    /// The client's in-messenger feedback on a conversation, if it was asked.
    func feedback(_ conversationID: ConversationID) async throws -> ConversationFeedback?
    /// Every conversation of a contact the viewer may see, newest first.
    func conversations(ofContact contactID: ContactID, viewer: Viewer) async throws -> [ConversationSummary]
    /// The department and assignee of one conversation (none when it does not exist), for the stream.
    func conversationScopes(conversation id: ConversationID) async throws -> [ConversationScope]
    /// The department and assignee of every conversation of a contact, for the stream.
    func conversationScopes(contact id: ContactID) async throws -> [ConversationScope]
    /// Counts per queue.
    func queueCounts(viewer: Viewer) async throws -> [ConversationFilter: QueueCount]
    /// A contact's messages across the conversations the viewer may see, on every messenger, newest first.
    func timeline(contactID: ContactID, viewer: Viewer, before: MessageID?, limit: Int) async throws -> [TimelineEntry]

    /// Stores a private note.
    func addNote(conversationID: ConversationID, operatorID: OperatorID, text: String, at now: Date) async throws -> EnqueuedReply
    /// Assigns (or unassigns with nil) a conversation in one transaction, if its holder is still `expected`; `note` explains a transfer.
    /// - Throws: `AssignmentConflict` when someone else holds it now.
    func assign(
        _ conversationID: ConversationID,
        to assignee: OperatorID?,
        expecting expected: HolderExpectation,
        by actor: OperatorID,
        note: String?,
        at now: Date
    ) async throws -> [Event]
    /// Updates how to address a contact and the shared notes; `preferredName` `.some(nil)` clears it.
    func updateContact(_ id: ContactID, preferredName: String??, notes: String?, at now: Date) async throws -> (Contact, [Event])
    /// Bans a contact for `reason`, or with nil lifts its ban, and audits it in the same transaction
    /// (nothing is written when nothing changes); returns the ban as it now is.
    /// - Throws: `StoreError.notFound` for an unknown contact.
    func setBan(_ contactID: ContactID, reason: String?, by actor: AuditActor, at now: Date) async throws -> (ContactBan?, [Event])
    /// A contact's ban, nil when it is not banned.
    func ban(of contactID: ContactID) async throws -> ContactBan?

    /// Shared canned replies and the operator's own.
    func cannedReplies(for operatorID: OperatorID) async throws -> [CannedReply]
    /// One canned reply.
    func cannedReply(_ id: Int64) async throws -> CannedReply?
    /// Creates a canned reply. - Throws: `StoreError.conflict` when the shortcut is taken in that scope.
    func createCannedReply(shortcut: String, title: String, body: String, ownerID: OperatorID?, at now: Date) async throws -> CannedReply
    /// Saves an edited canned reply.
    func updateCannedReply(_ reply: CannedReply) async throws -> CannedReply
    /// Deletes a canned reply.
    func deleteCannedReply(_ id: Int64) async throws

    /// Full-text search over messages, private notes and contacts (names, phones, usernames), limited to
    /// what the viewer may see and narrowed by the query's filters; at most `limit` messages and `limit` contacts.
    func search(_ query: SearchQuery, viewer: Viewer, limit: Int) async throws -> SearchResults

    // MARK: Identity linking, merging and personalization

    /// Stores a one-time code for an identity, replacing its earlier codes.
    /// - Throws: `StoreError.conflict` when another identity holds the same live code (draw again).
    func issueLinkCode(_ code: String, for identityID: IdentityID, at now: Date, lifetime: TimeInterval) async throws
    /// Checks a code sent by an identity and, when it belongs to another contact, merges the two.
    func redeemLinkCode(_ code: String, by identityID: IdentityID, at now: Date) async throws -> (LinkOutcome, [Event])
    /// Moves every identity (and so every conversation) of `source` to `target`, keeping a record to undo it.
    /// - Throws: `StoreError.invalid` for the same or an already merged contact, `.notFound` for an unknown one.
    func mergeContacts(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    )
        async throws -> (ContactMerge, [Event])
    /// Undoes a merge exactly: identities and their conversations go back, fields the merge changed are restored.
    /// - Throws: `StoreError.notFound`, or `.invalid` when it was undone already or the target was merged since.
    func undoMerge(_ id: Int64, at now: Date) async throws -> (ContactMerge, [Event])
    /// Merges into a contact that are not undone, newest first.
    func merges(into contactID: ContactID) async throws -> [ContactMerge]
    /// Other contacts owning an identity with one of this contact's verified phone numbers.
    func phoneMatches(of contactID: ContactID) async throws -> [ContactRef]
    /// Stores a message from the bot (no operator) as queued with its outbox row; `requestPhone` asks for the number.
    func enqueueBotMessage(in conversationID: ConversationID, text: String, requestPhone: Bool, at now: Date) async throws -> EnqueuedReply
    /// Marks a contact so their next message becomes their preferred form of address.
    func setAskingAddress(_ contactID: ContactID, _ asking: Bool) async throws

    // MARK: Where replies go, and the labels operators put on contacts and conversations

    /// The conversation a reply to this contact should go to: the latest one of `identityID` when given
    /// (it must be the contact's), else of the identity the client last wrote from; nil when there is none.
    func replyConversation(contactID: ContactID, identityID: IdentityID?) async throws -> ConversationID?
    /// Replaces a contact's labels. - Throws: `StoreError.notFound` for an unknown contact.
    func setLabels(_ labels: [String], onContact contactID: ContactID, at now: Date) async throws -> [Event]
    /// Replaces a conversation's labels. - Throws: `StoreError.notFound` for an unknown conversation.
    func setLabels(_ labels: [String], onConversation conversationID: ConversationID, at now: Date) async throws -> [Event]
    /// A contact's labels, sorted.
    func labels(ofContact contactID: ContactID) async throws -> [String]
    /// A conversation's labels, sorted.
    func labels(ofConversation conversationID: ConversationID) async throws -> [String]
    /// A page of conversations carrying `label` themselves or through their contact, newest activity first.
    func conversations(
        labeled label: String,
        _ filter: ConversationFilter,
        viewer: Viewer,
        after cursor: ConversationCursor?,
        limit: Int
    )
        async throws -> [ConversationSummary]

    // MARK: Cross-channel continuity: API keys and deep-link contexts

    /// Creates an API key record from the hash of the key (the key itself is never stored).
    /// - Throws: `StoreError.conflict` when the name is taken.
    func createAPIKey(name: String, keyHash: String, maskedKey: String, settings: APIKeySettings, at now: Date) async throws -> APIKey
    /// One page of an export: conversations the viewer may see that match `query`, with ids above `after`,
    /// in id order, each with its messages inside the range (notes included) in order.
    func exportPage(_ query: ExportQuery, viewer: Viewer, after: ConversationID?, limit: Int) async throws -> [ExportedConversation]
    /// Stores a message an API key posts (author bot, signed with the key's bot name) and queues it for sending.
    /// - Throws: `StoreError.notFound` for an unknown conversation.
    func enqueueKeyMessage(
        in conversationID: ConversationID,
        apiKeyID: Int64,
        text: String,
        attachments: [Attachment],
        at now: Date
    )
        async throws -> EnqueuedReply
    /// A live (not revoked) API key by the hash of its secret.
    func apiKey(hash: String) async throws -> APIKey?
    /// Every API key, revoked ones too.
    func apiKeys() async throws -> [APIKey]
    /// Revokes an API key. - Throws: `StoreError.notFound` for an unknown id.
    func revokeAPIKey(_ id: Int64, at now: Date) async throws
    /// Registers a context under a fresh key. - Throws: `StoreError.conflict` when the key exists.
    func createContext(_ context: DeepLinkContext, apiKeyID: Int64) async throws
    /// The context a conversation arrived with, if any.
    func pinnedContext(of conversationID: ConversationID) async throws -> PinnedContext?
}

extension InboxStore {
    /// Creates a key that may do what keys did before scopes existed (`contexts:write`).
    public func createAPIKey(name: String, keyHash: String, maskedKey: String, at now: Date) async throws -> APIKey {
        try await createAPIKey(name: name, keyHash: keyHash, maskedKey: maskedKey, settings: APIKeySettings(), at: now)
    }

    /// Assigns whoever holds the conversation now (routing, automation, the demo).
    public func assign(
        _ conversationID: ConversationID,
        to assignee: OperatorID?,
        by actor: OperatorID,
        note: String?,
        at now: Date
    ) async throws -> [Event] {
        try await assign(conversationID, to: assignee, expecting: .anyone, by: actor, note: note, at: now)
    }
}
