public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func setBan(_ contactID: ContactID, reason: String?, by actor: AuditActor, at now: Date) async throws -> (ContactBan?, [Event]) {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contactID.rawValue]) else {
                throw StoreError.notFound("contact \(contactID)")
            }
            let current = Self.ban(row)
            guard let change = ContactBan.change(contact: contactID, from: current, reason: reason, actor: actor, at: now) else {
                return (current, [])
            }
            try db.cachedExecute(
                sql: "UPDATE contacts SET banned_at = ?, ban_reason = ?, banned_by = ? WHERE id = ?",
                arguments: [change.ban?.bannedAt.timeIntervalSince1970, change.ban?.reason, change.ban?.bannedBy, contactID.rawValue]
            )
            try Self.appendAudit(db, change.audit)
            var events = EventAppender(db)
            try events.append(.contactUpdated, at: now, contact: contactID, payload: RowDecoding.contact(row))
            return (change.ban, events.appended)
        }
    }

    public func ban(of contactID: ContactID) async throws -> ContactBan? {
        try await pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contactID.rawValue]).flatMap(Self.ban)
        }
    }

    /// The ban stored on a `contacts` row.
    static func ban(_ row: Row) -> ContactBan? {
        guard let at = RowDecoding.optionalDate(row, "banned_at") else { return nil }
        return ContactBan(reason: row["ban_reason"] ?? "", bannedBy: row["banned_by"] ?? "", bannedAt: at)
    }
}
