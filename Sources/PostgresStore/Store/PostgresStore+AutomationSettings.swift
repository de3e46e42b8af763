public import Foundation
public import SwitchboardCore

extension PostgresStore {
    /// Scope 0 holds the global settings and texts; any other scope is a channel id.
    static func scope(_ channel: ChannelID?) -> Int64 { channel?.rawValue ?? 0 }

    public func automationSettingsPatch(channel: ChannelID?) async throws -> AutomationSettingsPatch? {
        try await read { db in
            guard
                let json = try await db.value(
                    String.self,
                    sql: "SELECT patch FROM automation_settings WHERE scope = ?",
                    arguments: [Self.scope(channel)]
                )
            else { return nil }
            return try JSONDecoder().decode(AutomationSettingsPatch.self, from: Data(json.utf8))
        }
    }

    public func saveAutomationSettingsPatch(_ patch: AutomationSettingsPatch, channel: ChannelID?, at now: Date) async throws {
        let json = String(decoding: try JSONEncoder().encode(patch), as: UTF8.self)
        try await write { db in
            try await Self.requireChannel(db, channel)
            try await db.execute(
                sql: """
                    INSERT INTO automation_settings (scope, patch, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (scope) DO UPDATE SET patch = excluded.patch, updated_at = excluded.updated_at
                    """,
                arguments: [Self.scope(channel), json, now.timeIntervalSince1970]
            )
        }
    }

    public func automationTextOverrides(channel: ChannelID?) async throws -> [AutomationTextOverride] {
        try await read { db in
            try await db.rows(
                sql: "SELECT kind, language, text FROM automation_texts WHERE scope = ? ORDER BY kind, language",
                arguments: [Self.scope(channel)]
            )
            .map { row in
                AutomationTextOverride(
                    channelID: channel,
                    kind: try RowDecoding.enumValue(row, "kind"),
                    language: try RowDecoding.enumValue(row, "language"),
                    text: try row["text"]
                )
            }
        }
    }

    public func saveAutomationText(_ text: String?, kind: AutomationText, language: AutomationLanguage, channel: ChannelID?) async throws {
        try await write { db in
            try await Self.requireChannel(db, channel)
            if let text {
                try await db.execute(
                    sql: """
                        INSERT INTO automation_texts (scope, kind, language, text) VALUES (?, ?, ?, ?)
                        ON CONFLICT (scope, kind, language) DO UPDATE SET text = excluded.text
                        """,
                    arguments: [Self.scope(channel), kind.rawValue, language.rawValue, text]
                )
            } else {
                try await db.execute(
                    sql: "DELETE FROM automation_texts WHERE scope = ? AND kind = ? AND language = ?",
                    arguments: [Self.scope(channel), kind.rawValue, language.rawValue]
                )
            }
        }
    }

    public func automationCursor() async throws -> Int64 {
        try await read { db in try await db.value(Int64.self, sql: "SELECT seq FROM automation_cursor WHERE id = 1") ?? 0 }
    }

    public func saveAutomationCursor(_ seq: Int64) async throws {
        try await write { db in
            try await db.execute(
                sql: """
                    INSERT INTO automation_cursor (id, seq) VALUES (1, ?)
                    ON CONFLICT (id) DO UPDATE SET seq = GREATEST(automation_cursor.seq, excluded.seq)
                    """,
                arguments: [seq]
            )
        }
    }

    private static func requireChannel(_ db: Session, _ channel: ChannelID?) async throws {
        guard let channel else { return }
        guard try await db.row(sql: "SELECT 1 FROM channels WHERE id = ?", arguments: [channel.rawValue]) != nil else {
            throw StoreError.notFound("channel \(channel)")
        }
    }
}
