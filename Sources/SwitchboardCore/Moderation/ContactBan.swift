public import Foundation

/// A supervisor's or admin's ban of a contact: its messages are still stored, but open nothing,
/// trigger nothing and stay out of queues and reports (see `IngestHold`).
public struct ContactBan: Sendable, Codable, Equatable {
    /// Why, in the words of whoever banned (shown in the client panel and the audit log).
    public var reason: String
    /// Who banned, as the audit log names them.
    public var bannedBy: String
    public var bannedAt: Date

    /// Creates a ban.
    public init(reason: String, bannedBy: String, bannedAt: Date) {
        self.reason = reason
        self.bannedBy = bannedBy
        self.bannedAt = bannedAt
    }

    /// The longest reason kept.
    public static let maximumReasonLength = 500

    /// A reason as stored: trimmed, required and at most `maximumReasonLength` characters.
    /// - Throws: `StoreError.invalid` for a blank or too long reason.
    public static func reason(_ raw: String) throws -> String {
        let reason = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalid("A ban needs a reason.") }
        guard reason.count <= maximumReasonLength else {
            throw StoreError.invalid("A ban reason is at most \(maximumReasonLength) characters.")
        }
        return reason
    }

    /// What banning (`reason` set) or lifting the ban (`reason` nil) changes, with its audit entry;
    /// nil when nothing changes (lifting a ban that is not there, banning again for the same reason).
    public static func change(
        contact: ContactID,
        from current: ContactBan?,
        reason: String?,
        actor: AuditActor,
        at now: Date
    ) -> (ban: ContactBan?, audit: AuditEntry)? {
        if current?.reason == reason { return nil }
        let ban = reason.map { ContactBan(reason: $0, bannedBy: actor.name, bannedAt: now) }
        let audit = AuditEntry(
            at: now,
            actor: actor,
            action: ban == nil ? "contact.unbanned" : "contact.banned",
            target: "contact \(contact)",
            changes: ["ban": AuditChange(from: current.map { .string($0.reason) } ?? .null, to: ban.map { .string($0.reason) } ?? .null)]
        )
        return (ban, audit)
    }
}

/// Why a client message is stored without the usual handling.
public enum MessageHold: String, Sendable, Codable, CaseIterable {
    /// The contact is banned.
    case banned
    /// The identity is muted by flood control.
    case flood
}
