public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func createAPIKey(name: String, keyHash: String, maskedKey: String, settings: APIKeySettings, at now: Date) async throws -> APIKey {
        try await pool.write { db in
            try Self.mapConstraint("API key '\(name)'") {
                try db.cachedExecute(
                    sql: """
                        INSERT INTO api_keys (name, key_hash, masked_key, created_at, scopes, bot_name, rate_per_minute)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        name, keyHash, maskedKey, now.timeIntervalSince1970, APIScope.list(settings.scopes), settings.botName,
                        settings.ratePerMinute,
                    ]
                )
            }
            return APIKey(
                id: db.lastInsertedRowID,
                name: name,
                maskedKey: maskedKey,
                createdAt: now,
                scopes: settings.scopes.sorted(),
                botName: settings.botName,
                ratePerMinute: settings.ratePerMinute
            )
        }
    }

    public func apiKey(hash: String) async throws -> APIKey? {
        try await pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", arguments: [hash]).map(Self.apiKey)
        }
    }

    public func apiKeys() async throws -> [APIKey] {
        try await pool.read { db in try db.cachedRows(sql: "SELECT * FROM api_keys ORDER BY id").map(Self.apiKey) }
    }

    public func revokeAPIKey(_ id: Int64, at now: Date) async throws {
        try await pool.write { db in
            guard try db.cachedRow(sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.notFound("API key \(id)")
            }
            try db.cachedExecute(
                sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id]
            )
        }
    }

    public func createContext(_ context: DeepLinkContext, apiKeyID: Int64) async throws {
        try await pool.write { db in
            try db.cachedExecute(
                sql: "DELETE FROM contexts WHERE identity_id IS NULL AND expires_at < ?",
                arguments: [context.createdAt.addingTimeInterval(-DeepLinkContext.unclaimedRetention).timeIntervalSince1970]
            )
            try Self.mapConstraint("context key") {
                try db.cachedExecute(
                    sql: "INSERT INTO contexts (key, data, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        context.key, context.data, apiKeyID, context.createdAt.timeIntervalSince1970, context.expiresAt.timeIntervalSince1970,
                    ]
                )
            }
        }
    }

    public func pinnedContext(of conversationID: ConversationID) async throws -> PinnedContext? {
        try await pool.read { db in
            guard
                let row = try db.cachedRow(
                    sql: "SELECT context_key, context_status, identity_id FROM conversations WHERE id = ?",
                    arguments: [conversationID.rawValue]
                ), let key = row["context_key"] as String?
            else { return nil }
            let context = try db.cachedRow(
                sql: "SELECT * FROM contexts WHERE key = ? AND identity_id = ?",
                arguments: [key, row["identity_id"] as Int64]
            ).map { context in
                DeepLinkContext(
                    key: key,
                    data: context["data"],
                    createdAt: RowDecoding.date(context, "created_at"),
                    expiresAt: RowDecoding.date(context, "expires_at")
                )
            }
            return PinnedContext.resolve(
                key: key,
                status: (row["context_status"] as String?).flatMap(ContextStatus.init(rawValue:)),
                context: context
            )
        }
    }

    /// An `api_keys` row as a domain value (the hash stays in the database).
    static func apiKey(_ row: Row) -> APIKey {
        APIKey(
            id: row["id"],
            name: row["name"],
            maskedKey: row["masked_key"],
            createdAt: RowDecoding.date(row, "created_at"),
            revokedAt: RowDecoding.optionalDate(row, "revoked_at"),
            // A list no release writes (hand-edited) falls back to what every key could always do.
            scopes: (APIScope.parseList(row["scopes"]) ?? APIScope.legacy).sorted(),
            botName: row["bot_name"],
            ratePerMinute: row["rate_per_minute"]
        )
    }
}
