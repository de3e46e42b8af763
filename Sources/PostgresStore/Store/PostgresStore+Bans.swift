public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func setBan(_ contactID: ContactID, reason: String?, by actor: AuditActor, at now: Date) async throws -> (ContactBan?, [Event]) {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contactID.rawValue]) else {
                throw StoreError.notFound("contact \(contactID)")
            }
            let current = try Self.ban(row)
            guard let change = ContactBan.change(contact: contactID, from: current, reason: reason, actor: actor, at: now) else {
                return (current, [])
            }
            try await db.execute(
                sql: "UPDATE contacts SET banned_at = ?, ban_reason = ?, banned_by = ? WHERE id = ?",
                arguments: [change.ban?.bannedAt.timeIntervalSince1970, change.ban?.reason, change.ban?.bannedBy, contactID.rawValue]
            )
            try await Self.appendAudit(db, change.audit)
            var events = EventAppender(db)
            try await events.append(.contactUpdated, at: now, contact: contactID, payload: try RowDecoding.contact(row))
            return (change.ban, events.appended)
        }
    }

    public func ban(of contactID: ContactID) async throws -> ContactBan? {
        try await read { db in
            try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contactID.rawValue]).flatMap(Self.ban)
        }
    }

    /// The ban stored on a `contacts` row.
    static func ban(_ row: SQLRow) throws -> ContactBan? {
        guard let at = try RowDecoding.optionalDate(row, "banned_at") else { return nil }
        return ContactBan(reason: try row["ban_reason"] ?? "", bannedBy: try row["banned_by"] ?? "", bannedAt: at)
    }
}
