public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func cannedReplies(for operatorID: OperatorID) async throws -> [CannedReply] {
        try await read { db in
            try await db.rows(
                sql: "SELECT * FROM canned_replies WHERE owner_id IS NULL OR owner_id = ? ORDER BY shortcut, id",
                arguments: [operatorID.rawValue]
            ).map(Self.cannedReply)
        }
    }

    public func cannedReply(_ id: Int64) async throws -> CannedReply? {
        try await read { db in try await db.row(sql: "SELECT * FROM canned_replies WHERE id = ?", arguments: [id]).map(Self.cannedReply) }
    }

    public func createCannedReply(
        shortcut: String,
        title: String,
        body: String,
        ownerID: OperatorID?,
        at now: Date
    ) async throws -> CannedReply {
        try CannedReply.validate(shortcut: shortcut, body: body)
        return try await write { db in
            let id = try await Self.mapConstraint("canned reply /\(shortcut)") {
                try await db.insert(
                    sql: "INSERT INTO canned_replies (owner_id, shortcut, title, body, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [ownerID?.rawValue, shortcut, title, body, now.timeIntervalSince1970]
                )
            }
            return CannedReply(id: id, shortcut: shortcut, title: title, body: body, ownerID: ownerID)
        }
    }

    public func updateCannedReply(_ reply: CannedReply) async throws -> CannedReply {
        try CannedReply.validate(shortcut: reply.shortcut, body: reply.body)
        return try await write { db in
            let changed = try await Self.mapConstraint("canned reply /\(reply.shortcut)") {
                try await db.changes(
                    sql: "UPDATE canned_replies SET shortcut = ?, title = ?, body = ? WHERE id = ?",
                    arguments: [reply.shortcut, reply.title, reply.body, reply.id]
                )
            }
            guard changed > 0 else { throw StoreError.notFound("canned reply \(reply.id)") }
            return reply
        }
    }

    public func deleteCannedReply(_ id: Int64) async throws {
        try await write { db in
            let changed = try await db.changes(sql: "DELETE FROM canned_replies WHERE id = ?", arguments: [id])
            guard changed > 0 else { throw StoreError.notFound("canned reply \(id)") }
        }
    }

    static func cannedReply(_ row: SQLRow) throws -> CannedReply {
        try CannedReply(
            id: row["id"],
            shortcut: row["shortcut"],
            title: row["title"],
            body: row["body"],
            ownerID: (row["owner_id"] as Int64?).map(OperatorID.init)
        )
    }
}
