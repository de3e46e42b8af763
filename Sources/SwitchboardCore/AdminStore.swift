public import Foundation

/// What an edit of an operator did, for the caller to publish and report.
public struct OperatorEditOutcome: Sendable {
    public var account: OperatorAccount
    /// Presence and assignment events to publish.
    public var events: [Event]
    /// Conversations taken from a deactivated operator and put back in the queue.
    public var requeued: [ConversationID]

    /// Creates a value.
    public init(account: OperatorAccount, events: [Event], requeued: [ConversationID]) {
        self.account = account
        self.events = events
        self.requeued = requeued
    }
}

/// Which audit entries to read: newest first, a page at a time.
public struct AuditQuery: Sendable, Equatable {
    /// At most this many entries.
    public var limit: Int
    /// Only entries with a smaller id (the previous page's `nextBefore`).
    public var before: Int64?
    /// Only changes made by this operator.
    public var actorID: OperatorID?
    /// Only actions starting with this text (`operator.` or `channel.created`).
    public var actionPrefix: String?

    /// Creates a query.
    public init(limit: Int = 50, before: Int64? = nil, actorID: OperatorID? = nil, actionPrefix: String? = nil) {
        self.limit = limit
        self.before = before
        self.actorID = actorID
        self.actionPrefix = actionPrefix
    }
}

/// Operator administration with its audit trail. Each operation runs in one transaction that records
/// its audit entry; `recordAudit` is for changes made through other operations, right after them.
public protocol AdminStore: Sendable {
    /// Every operator, deactivated ones too, by display name.
    func operatorAccounts() async throws -> [OperatorAccount]
    /// One operator, active or not.
    func operatorAccount(_ id: OperatorID) async throws -> OperatorAccount?
    /// Creates an operator and records `operator.created`.
    /// - Throws: `StoreError.conflict` when the login is taken.
    func createOperator(_ draft: OperatorDraft, by actor: AuditActor, at now: Date) async throws -> Operator
    /// Applies an edit under `OperatorAdminPolicy` and records it. Deactivating revokes the sessions,
    /// sets the presence offline and puts the operator's unresolved conversations back in the queue.
    /// - Throws: `OperatorAdminRefusal`, `StoreError.notFound` (operator or department), `StoreError.invalid`.
    func editOperator(_ id: OperatorID, _ edit: OperatorEdit, by actor: AuditActor, at now: Date) async throws -> OperatorEditOutcome
    /// Replaces the password hash and revokes the operator's sessions except `keepingSession` (a token
    /// hash), recording `action` without the password.
    /// - Returns: the `operator.sessions_revoked` event to publish.
    /// - Throws: `StoreError.notFound`.
    func setPassword(
        _ id: OperatorID,
        hash: String,
        keepingSession: String?,
        action: String,
        by actor: AuditActor,
        at now: Date
    ) async throws
        -> [Event]
    /// Sets or clears (nil) the operator's avatar URL and records `operator.avatar_changed`.
    /// - Throws: `StoreError.notFound`.
    func setAvatar(_ id: OperatorID, url: String?, by actor: AuditActor, at now: Date) async throws -> OperatorAccount

    // MARK: The audit log

    /// Appends an entry and returns its id.
    @discardableResult
    func recordAudit(_ entry: AuditEntry) async throws -> Int64
    /// A page of entries, newest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
}
