public import Foundation

/// What an admin's edit of an operator account does, decided from the account before it.
///
/// Deactivating takes the operator out of service: sessions revoked, offline, and every
/// conversation they held that is not resolved back in its queue for the next routing pass.
public struct OperatorAccountChange: Sendable, Equatable {
    /// A conversation the operator held that is not resolved.
    public struct Held: Sendable, Equatable {
        public var conversationID: ConversationID
        public var contactID: ContactID

        public init(conversationID: ConversationID, contactID: ContactID) {
            self.conversationID = conversationID
            self.contactID = contactID
        }
    }

    /// The account as it is after the edit.
    public var account: OperatorAccount
    /// `operator.updated`, `operator.deactivated` or `operator.reactivated`.
    public var action: String
    /// The audit entry, nil when no audited field changed.
    public var audit: AuditEntry?
    /// Set when the account went out of service: its sessions end.
    public var revokesSessions: Bool
    /// The presence change of a deactivation, when the operator was not offline.
    public var presence: PresenceUpdate?
    /// Conversations that go back to their queue, waiting since the edit.
    public var requeued: [ConversationID]
    public var events: [EventDraft]
    /// When the edit happened: requeued conversations wait since then.
    public var at: Date

    /// - Parameters:
    ///   - held: the operator's unresolved conversations (read only when the edit deactivates).
    ///   - activeAdmins: how many active admins exist now, `before` included.
    /// - Throws: `StoreError.invalid` for a capacity below one, `OperatorAdminRefusal` for an edit the policy refuses.
    public static func decide(
        _ before: OperatorAccount,
        _ edit: OperatorEdit,
        by actor: AuditActor,
        activeAdmins: Int,
        held: [Held],
        at now: Date
    ) throws -> OperatorAccountChange {
        try edit.validate()
        var after = edit.applied(to: before)
        if let refusal = OperatorAdminPolicy.refusal(before: before, after: after, actorID: actor.id, activeAdmins: activeAdmins) {
            throw refusal
        }
        var change = OperatorAccountChange(account: after, action: "operator.updated", revokesSessions: false, requeued: [], events: [], at: now)
        let id = before.operator.id
        if before.active, !after.active {
            change.action = "operator.deactivated"
            change.revokesSessions = true
            after.deactivatedAt = now
            change.events.append(EventDraft(.operatorSessionsRevoked, at: now, payload: .sessionsRevoked(SessionsRevokedPayload(operatorID: id))))
            if let presence = PresenceUpdate.decide(after.operator, to: .offline, reason: .manual, at: now) {
                after.operator = presence.operatorAfter
                change.presence = presence
                change.events.append(presence.event)
            }
            for conversation in held {
                let payload = AssignmentPayload(
                    conversationID: conversation.conversationID,
                    from: id,
                    to: nil,
                    byOperatorID: actor.id,
                    note: "\(before.operator.displayName) was deactivated"
                )
                change.events.append(.assigned(payload, contact: conversation.contactID, at: now))
                change.requeued.append(conversation.conversationID)
            }
        } else if !before.active, after.active {
            change.action = "operator.reactivated"
            after.deactivatedAt = nil
        }
        change.account = after
        let fields = AuditChanges.between(before.auditedFields, after.auditedFields)
        if !fields.isEmpty {
            change.audit = AuditEntry(at: now, actor: actor, action: change.action, target: after.auditTarget, changes: fields)
        }
        return change
    }
}

extension OperatorEdit {
    /// Refuses a capacity an operator could never work with.
    /// - Throws: `StoreError.invalid` for `maxConcurrent` below one.
    public func validate() throws(StoreError) {
        if let maxConcurrent, maxConcurrent < 1 { throw .invalid("maxConcurrent must be at least 1") }
    }
}
