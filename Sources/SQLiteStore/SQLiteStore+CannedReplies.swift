public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func cannedReplies(for operatorID: OperatorID) async throws -> [CannedReply] {
        try await pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM canned_replies WHERE owner_id IS NULL OR owner_id = ? ORDER BY shortcut, id",
                arguments: [operatorID.rawValue]
            ).map(Self.cannedReply)
        }
    }

    public func cannedReply(_ id: Int64) async throws -> CannedReply? {
        try await pool.read { db in try db.cachedRow(sql: "SELECT * FROM canned_replies WHERE id = ?", arguments: [id]).map(Self.cannedReply) }
    }

    public func createCannedReply(shortcut: String, title: String, body: String, ownerID: OperatorID?, at now: Date) async throws -> CannedReply {
        try CannedReply.validate(shortcut: shortcut, body: body)
        return try await pool.write { db in
            try Self.mapConstraint("canned reply /\(shortcut)") {
                try db.cachedExecute(
                    sql: "INSERT INTO canned_replies (owner_id, shortcut, title, body, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [ownerID?.rawValue, shortcut, title, body, now.timeIntervalSince1970]
                )
            }
            return CannedReply(id: db.lastInsertedRowID, shortcut: shortcut, title: title, body: body, ownerID: ownerID)
        }
    }

    public func updateCannedReply(_ reply: CannedReply) async throws -> CannedReply {
        try CannedReply.validate(shortcut: reply.shortcut, body: reply.body)
        return try await pool.write { db in
            try Self.mapConstraint("canned reply /\(reply.shortcut)") {
                try db.cachedExecute(
                    sql: "UPDATE canned_replies SET shortcut = ?, title = ?, body = ? WHERE id = ?",
                    arguments: [reply.shortcut, reply.title, reply.body, reply.id]
                )
            }
            guard db.changesCount > 0 else { throw StoreError.notFound("canned reply \(reply.id)") }
            return reply
        }
    }

    public func deleteCannedReply(_ id: Int64) async throws {
        try await pool.write { db in
            try db.cachedExecute(sql: "DELETE FROM canned_replies WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw StoreError.notFound("canned reply \(id)") }
        }
    }

    static func cannedReply(_ row: Row) -> CannedReply {
        CannedReply(
            id: row["id"],
            shortcut: row["shortcut"],
            title: row["title"],
            body: row["body"],
            ownerID: (row["owner_id"] as Int64?).map(OperatorID.init)
        )
    }

}
