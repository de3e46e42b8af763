public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func createAPIKey(
        name: String,
        keyHash: String,
        maskedKey: String,
        settings: APIKeySettings,
        at now: Date
    ) async throws -> APIKey {
        try await write { db in
            let id = try await Self.mapConstraint("API key '\(name)'") {
                try await db.insert(
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
                id: id,
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
        try await read { db in
            try await db.row(sql: "SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", arguments: [hash]).map(Self.apiKey)
        }
    }

    public func apiKeys() async throws -> [APIKey] {
        try await read { db in try await db.rows(sql: "SELECT * FROM api_keys ORDER BY id").map(Self.apiKey) }
    }

    public func revokeAPIKey(_ id: Int64, at now: Date) async throws {
        try await write { db in
            guard try await db.row(sql: "SELECT 1 FROM api_keys WHERE id = ?", arguments: [id]) != nil else {
                throw StoreError.notFound("API key \(id)")
            }
            try await db.execute(
                sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id]
            )
        }
    }

    public func createContext(_ context: DeepLinkContext, apiKeyID: Int64) async throws {
        try await write { db in
            try await db.execute(
                sql: "DELETE FROM contexts WHERE identity_id IS NULL AND expires_at < ?",
                arguments: [context.createdAt.addingTimeInterval(-DeepLinkContext.unclaimedRetention).timeIntervalSince1970]
            )
            try await Self.mapConstraint("context key") {
                try await db.execute(
                    sql: "INSERT INTO contexts (key, data, api_key_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        context.key, context.data, apiKeyID, context.createdAt.timeIntervalSince1970,
                        context.expiresAt.timeIntervalSince1970,
                    ]
                )
            }
        }
    }

    public func pinnedContext(of conversationID: ConversationID) async throws -> PinnedContext? {
        try await read { db in
            guard
                let row = try await db.row(
                    sql: "SELECT context_key, context_status, identity_id FROM conversations WHERE id = ?",
                    arguments: [conversationID.rawValue]
                ), let key = try row["context_key"] as String?
            else { return nil }
            let context = try await db.row(
                sql: "SELECT * FROM contexts WHERE key = ? AND identity_id = ?",
                arguments: [key, try row["identity_id"] as Int64]
            ).map { context in
                DeepLinkContext(
                    key: key,
                    data: try context["data"],
                    createdAt: try RowDecoding.date(context, "created_at"),
                    expiresAt: try RowDecoding.date(context, "expires_at")
                )
            }
            return PinnedContext.resolve(
                key: key,
                status: try (row["context_status"] as String?).flatMap(ContextStatus.init(rawValue:)),
                context: context
            )
        }
    }

    /// An `api_keys` row as a domain value (the hash stays in the database).
    static func apiKey(_ row: SQLRow) throws -> APIKey {
        APIKey(
            id: try row["id"],
            name: try row["name"],
            maskedKey: try row["masked_key"],
            createdAt: try RowDecoding.date(row, "created_at"),
            revokedAt: try RowDecoding.optionalDate(row, "revoked_at"),
            // A list no release writes (hand-edited) falls back to what every key could always do.
            scopes: (APIScope.parseList(try row["scopes"]) ?? APIScope.legacy).sorted(),
            botName: try row["bot_name"],
            ratePerMinute: try row["rate_per_minute"]
        )
    }
}
