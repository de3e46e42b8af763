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

/// What the inbox reads and changes, each operation one transaction with its events.
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
    /// Counts per queue.
    func queueCounts(viewer: Viewer) async throws -> [ConversationFilter: QueueCount]
    /// A contact's messages across all conversations and messengers, newest first.
    func timeline(contactID: ContactID, before: MessageID?, limit: Int) async throws -> [TimelineEntry]

    /// Stores a private note.
    func addNote(conversationID: ConversationID, operatorID: OperatorID, text: String, at now: Date) async throws -> EnqueuedReply
    /// Assigns (or unassigns with nil) a conversation; `note` explains a transfer.
    func assign(_ conversationID: ConversationID, to assignee: OperatorID?, by actor: OperatorID, note: String?, at now: Date) async throws -> [Event]
    /// Updates how to address a contact and the shared notes; `preferredName` `.some(nil)` clears it.
    func updateContact(_ id: ContactID, preferredName: String??, notes: String?, at now: Date) async throws -> (Contact, [Event])

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

    /// Full-text search over message text, limited to what the viewer may see.
    func search(_ text: String, viewer: Viewer, limit: Int) async throws -> [SearchHit]
}
