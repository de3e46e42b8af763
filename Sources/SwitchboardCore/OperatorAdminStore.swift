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

/// Operator administration, each operation one transaction that records its audit entry.
public protocol OperatorAdminStore: AuditStore {
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
}
