public import SwitchboardCore

extension InboxService {
    /// Bans a contact: its later messages are stored but open nothing, trigger nothing and stay out of
    /// queues and reports (see `IngestDecision+Holds.swift`). Audited in the same transaction.
    ///
    /// Only supervisors and admins may ban; the caller (the REST route, a topic command) checks the role.
    /// - Throws: `StoreError.invalid` for a blank or too long reason, `StoreError.notFound` for an unknown contact.
    @discardableResult
    public func ban(_ contactID: ContactID, reason: String, by actor: AuditActor) async throws -> ContactBan? {
        let (ban, events) = try await store.setBan(contactID, reason: try ContactBan.reason(reason), by: actor, at: clock.now())
        await bus.publish(events)
        return ban
    }

    /// Lifts a contact's ban (nothing happens when it has none); audited in the same transaction.
    /// - Throws: `StoreError.notFound` for an unknown contact.
    public func unban(_ contactID: ContactID, by actor: AuditActor) async throws {
        let (_, events) = try await store.setBan(contactID, reason: nil, by: actor, at: clock.now())
        await bus.publish(events)
    }
}
