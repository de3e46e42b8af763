import Foundation
import SwitchboardCore

/// Applies `ContactMergeRule`'s merges and undos inside a caller's write transaction.
///
/// Moving identities moves their conversations, and with them messages, notes, feedback and contexts,
/// exactly once. The undo record is stored as JSON with the merge.
struct ContactMerger {
    let db: Session
    var events: EventAppender

    init(_ db: Session) {
        self.db = db
        self.events = EventAppender(db)
    }

    /// Moves the source's identities and conversations to the target, merges the fields, records the merge.
    /// - Throws: `StoreError.invalid` for the same or an already merged contact, `.notFound` for an unknown one.
    mutating func merge(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    ) async throws
        -> ContactMerge
    {
        let identityIDs = try await db.values(
            Int64.self,
            sql: "SELECT id FROM identities WHERE contact_id = ? ORDER BY id",
            arguments: [source.rawValue]
        )
        let decision = try ContactMergeRule.merge(
            into: target,
            from: source,
            target: try await side(target),
            source: try await side(source),
            identityIDs: identityIDs.map(IdentityID.init)
        )
        try await db.execute(
            sql: "UPDATE identities SET contact_id = ? WHERE contact_id = ?",
            arguments: [target.rawValue, source.rawValue]
        )
        try await db.execute(
            sql: "UPDATE conversations SET contact_id = ? WHERE contact_id = ?",
            arguments: [target.rawValue, source.rawValue]
        )
        try await write(decision.target)
        try await db.execute(
            sql: """
                INSERT INTO contact_labels (contact_id, label) SELECT ?, label FROM contact_labels WHERE contact_id = ?
                ON CONFLICT DO NOTHING
                """,
            arguments: [target.rawValue, source.rawValue]
        )
        try await db.execute(sql: "UPDATE contacts SET merged_into = ? WHERE id = ?", arguments: [target.rawValue, source.rawValue])
        let id = try await db.insert(
            sql: "INSERT INTO contact_merges (target_id, source_id, operator_id, reason, snapshot, merged_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                target.rawValue, source.rawValue, operatorID?.rawValue, reason.rawValue, try Self.json(decision.record),
                now.timeIntervalSince1970,
            ]
        )
        let merge = ContactMerge(
            id: id,
            targetID: target,
            sourceID: source,
            reason: reason,
            operatorID: operatorID,
            identityIDs: identityIDs.map(IdentityID.init),
            mergedAt: now
        )
        try await events.append(decision.events(mergeID: merge.id, reason: reason, at: now))
        return merge
    }

    /// Moves the merge's identities (with their conversations, new ones too) back and restores the fields.
    /// - Throws: `StoreError.notFound`, or `.invalid` when undone already or the target was merged since.
    mutating func undo(_ id: Int64, at now: Date) async throws -> ContactMerge {
        guard let row = try await db.row(sql: "SELECT * FROM contact_merges WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("merge \(id)")
        }
        var merge = try Self.merge(row)
        guard let target = try await side(merge.targetID) else { throw StoreError.notFound("contact \(merge.targetID)") }
        guard let source = try await side(merge.sourceID) else { throw StoreError.notFound("contact \(merge.sourceID)") }
        let undo = try ContactMergeRule.undo(merge, record: try Self.record(row), target: target, source: source.contact, at: now)
        let ids = merge.identityIDs.map(\.rawValue)
        if !ids.isEmpty {
            try await db.execute(sql: "UPDATE identities SET contact_id = ? WHERE id = ANY(?)", arguments: [merge.sourceID.rawValue, ids])
            try await db.execute(
                sql: "UPDATE conversations SET contact_id = ? WHERE identity_id = ANY(?)",
                arguments: [merge.sourceID.rawValue, ids]
            )
        }
        try await write(undo.target)
        for label in undo.removedLabels {
            try await db.execute(
                sql: "DELETE FROM contact_labels WHERE contact_id = ? AND label = ?",
                arguments: [merge.targetID.rawValue, label]
            )
        }
        try await db.execute(sql: "UPDATE contacts SET merged_into = NULL WHERE id = ?", arguments: [merge.sourceID.rawValue])
        try await db.execute(sql: "UPDATE contact_merges SET undone_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
        merge.undoneAt = now
        try await events.append(undo.events)
        return merge
    }

    /// A contact with its merge state and labels; nil when unknown.
    private func side(_ id: ContactID) async throws -> ContactMergeRule.Side? {
        guard let row = try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let labels = try await db.values(
            String.self,
            sql: "SELECT label FROM contact_labels WHERE contact_id = ? ORDER BY label",
            arguments: [id.rawValue]
        )
        return ContactMergeRule.Side(
            contact: try RowDecoding.contact(row),
            mergedInto: (try row["merged_into"] as Int64?).map(ContactID.init),
            labels: labels
        )
    }

    /// Writes the fields a merge or an undo changes.
    private func write(_ contact: Contact) async throws {
        try await db.execute(
            sql: "UPDATE contacts SET preferred_name = ?, notes = ?, phone = ?, language = ? WHERE id = ?",
            arguments: [contact.preferredName, contact.notes, contact.phone, contact.language, contact.id.rawValue]
        )
    }

    /// The undo record stored with a `contact_merges` row.
    static func record(_ row: SQLRow) throws -> ContactMergeRecord {
        try JSONDecoder().decode(ContactMergeRecord.self, from: Data((try row["snapshot"] as String).utf8))
    }

    /// A `contact_merges` row as a domain value.
    static func merge(_ row: SQLRow) throws -> ContactMerge {
        try ContactMerge(
            id: row["id"],
            targetID: ContactID(row["target_id"]),
            sourceID: ContactID(row["source_id"]),
            reason: MergeReason(rawValue: row["reason"]) ?? .manual,
            operatorID: (row["operator_id"] as Int64?).map(OperatorID.init),
            identityIDs: try record(row).identityIDs.map(IdentityID.init),
            mergedAt: RowDecoding.date(row, "merged_at"),
            undoneAt: RowDecoding.optionalDate(row, "undone_at")
        )
    }

    /// Compact JSON text of a value.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
