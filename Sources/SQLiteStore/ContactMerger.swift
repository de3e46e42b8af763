import Foundation
import GRDB
import SwitchboardCore

/// Merges and unmerges contacts inside a caller's write transaction.
///
/// Conversations belong to identities, and messages, notes, feedback and contexts to conversations,
/// so moving identities (with their conversations) moves everything exactly once. The fields the
/// merge changed are recorded so an undo restores them unless an operator edited them since.
struct ContactMerger {
    let db: Database
    var events: EventAppender

    init(_ db: Database) {
        self.db = db
        self.events = EventAppender(db)
    }

    /// The contact fields a merge may change.
    struct Fields: Codable, Equatable {
        var preferredName: String?
        var notes: String
        var phone: String?
        var language: String?
    }

    /// What an undo needs: the target's fields before and after, and the labels each side had.
    struct Snapshot: Codable {
        var identityIDs: [Int64]
        var targetBefore: Fields
        var targetAfter: Fields
        var targetLabels: [String]
        var sourceLabels: [String]
    }

    /// Moves the source's identities and conversations to the target, merges the fields, records the merge.
    /// - Throws: `StoreError.invalid` for the same or an already merged contact, `.notFound` for an unknown one.
    mutating func merge(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    ) throws
        -> ContactMerge
    {
        guard target != source else { throw StoreError.invalid("a contact cannot be merged with itself") }
        let targetRow = try liveContact(target)
        let sourceRow = try liveContact(source)
        let before = Self.fields(targetRow)
        let theirs = Self.fields(sourceRow)
        let after = Fields(
            preferredName: before.preferredName ?? theirs.preferredName,
            notes: [before.notes, theirs.notes].filter { !$0.isEmpty }.joined(separator: "\n\n"),
            phone: before.phone ?? theirs.phone,
            language: before.language ?? theirs.language
        )
        let identityIDs = try Int64.fetchAll(db, sql: "SELECT id FROM identities WHERE contact_id = ? ORDER BY id", arguments: [source.rawValue])
        let snapshot = Snapshot(
            identityIDs: identityIDs,
            targetBefore: before,
            targetAfter: after,
            targetLabels: try labels(target),
            sourceLabels: try labels(source)
        )
        try db.execute(sql: "UPDATE identities SET contact_id = ? WHERE contact_id = ?", arguments: [target.rawValue, source.rawValue])
        try db.execute(sql: "UPDATE conversations SET contact_id = ? WHERE contact_id = ?", arguments: [target.rawValue, source.rawValue])
        try write(after, to: target)
        try db.execute(
            sql: "INSERT OR IGNORE INTO contact_labels (contact_id, label) SELECT ?, label FROM contact_labels WHERE contact_id = ?",
            arguments: [target.rawValue, source.rawValue]
        )
        try db.execute(sql: "UPDATE contacts SET merged_into = ? WHERE id = ?", arguments: [target.rawValue, source.rawValue])
        try db.execute(
            sql: "INSERT INTO contact_merges (target_id, source_id, operator_id, reason, snapshot, merged_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                target.rawValue, source.rawValue, operatorID?.rawValue, reason.rawValue, try Self.json(snapshot), now.timeIntervalSince1970,
            ]
        )
        let merge = ContactMerge(
            id: db.lastInsertedRowID,
            targetID: target,
            sourceID: source,
            reason: reason,
            operatorID: operatorID,
            identityIDs: identityIDs.map(IdentityID.init),
            mergedAt: now
        )
        try events.append(
            .contactMerged,
            at: now,
            contact: target,
            payload: MergePayload(mergeID: merge.id, targetID: target, sourceID: source, reason: reason)
        )
        try appendContactUpdated(target, at: now)
        return merge
    }

    /// Moves the merge's identities (with their conversations, new ones too) back and restores the fields.
    /// - Throws: `StoreError.notFound`, or `.invalid` when undone already or the target was merged since.
    mutating func undo(_ id: Int64, at now: Date) throws -> ContactMerge {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM contact_merges WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("merge \(id)")
        }
        var merge = try Self.merge(row)
        guard merge.undoneAt == nil else { throw StoreError.invalid("this merge was undone already") }
        let target = merge.targetID
        guard try Int64.fetchOne(db, sql: "SELECT merged_into FROM contacts WHERE id = ?", arguments: [target.rawValue]) == nil else {
            throw StoreError.invalid("the contact was merged into another since; undo that merge first")
        }
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data((row["snapshot"] as String).utf8))
        let ids = snapshot.identityIDs.map(String.init).joined(separator: ",")
        if !ids.isEmpty {
            try db.execute(sql: "UPDATE identities SET contact_id = ? WHERE id IN (\(ids))", arguments: [merge.sourceID.rawValue])
            try db.execute(sql: "UPDATE conversations SET contact_id = ? WHERE identity_id IN (\(ids))", arguments: [merge.sourceID.rawValue])
        }
        // Restore each field the merge set, unless an operator changed it after the merge.
        guard let targetRow = try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [target.rawValue]) else {
            throw StoreError.notFound("contact \(target)")
        }
        var current = Self.fields(targetRow)
        let (before, after) = (snapshot.targetBefore, snapshot.targetAfter)
        if current.preferredName == after.preferredName { current.preferredName = before.preferredName }
        if current.notes == after.notes { current.notes = before.notes }
        if current.phone == after.phone { current.phone = before.phone }
        if current.language == after.language { current.language = before.language }
        try write(current, to: target)
        for label in Set(snapshot.sourceLabels).subtracting(snapshot.targetLabels) {
            try db.execute(sql: "DELETE FROM contact_labels WHERE contact_id = ? AND label = ?", arguments: [target.rawValue, label])
        }
        try db.execute(sql: "UPDATE contacts SET merged_into = NULL WHERE id = ?", arguments: [merge.sourceID.rawValue])
        try db.execute(sql: "UPDATE contact_merges SET undone_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
        merge.undoneAt = now
        let payload = MergePayload(mergeID: id, targetID: target, sourceID: merge.sourceID, reason: merge.reason)
        try events.append(.contactUnmerged, at: now, contact: target, payload: payload)
        try appendContactUpdated(target, at: now)
        try appendContactUpdated(merge.sourceID, at: now)
        return merge
    }

    private func liveContact(_ id: ContactID) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]) else {
            throw StoreError.notFound("contact \(id)")
        }
        guard (row["merged_into"] as Int64?) == nil else { throw StoreError.invalid("contact \(id) was merged into another") }
        return row
    }

    private func labels(_ id: ContactID) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT label FROM contact_labels WHERE contact_id = ? ORDER BY label", arguments: [id.rawValue])
    }

    private func write(_ fields: Fields, to id: ContactID) throws {
        try db.execute(
            sql: "UPDATE contacts SET preferred_name = ?, notes = ?, phone = ?, language = ? WHERE id = ?",
            arguments: [fields.preferredName, fields.notes, fields.phone, fields.language, id.rawValue]
        )
    }

    private mutating func appendContactUpdated(_ id: ContactID, at now: Date) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]) else { return }
        try events.append(.contactUpdated, at: now, contact: id, payload: RowDecoding.contact(row))
    }

    /// The mergeable fields of a contact row.
    static func fields(_ row: Row) -> Fields {
        Fields(preferredName: row["preferred_name"], notes: row["notes"], phone: row["phone"], language: row["language"])
    }

    /// A `contact_merges` row as a domain value.
    static func merge(_ row: Row) throws -> ContactMerge {
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data((row["snapshot"] as String).utf8))
        return ContactMerge(
            id: row["id"],
            targetID: ContactID(row["target_id"]),
            sourceID: ContactID(row["source_id"]),
            reason: MergeReason(rawValue: row["reason"]) ?? .manual,
            operatorID: (row["operator_id"] as Int64?).map(OperatorID.init),
            identityIDs: snapshot.identityIDs.map(IdentityID.init),
            mergedAt: RowDecoding.date(row, "merged_at"),
            undoneAt: RowDecoding.optionalDate(row, "undone_at")
        )
    }

    /// Compact JSON text of a value.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
