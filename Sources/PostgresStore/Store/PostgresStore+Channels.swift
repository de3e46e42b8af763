public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func createChannel(_ draft: ChannelDraft, credentials: ChannelCredentials, at now: Date) async throws -> SwitchboardCore.Channel {
        try await write { db in try await Self.insertChannel(db, draft, credentials: credentials, at: now) }
    }

    static func insertChannel(
        _ db: Session,
        _ draft: ChannelDraft,
        credentials: ChannelCredentials?,
        at now: Date
    ) async throws -> SwitchboardCore.Channel {
        let id = try await mapConstraint("channel '\(draft.name)'") {
            try await db.insert(
                sql: """
                    INSERT INTO channels (kind, name, mode, token_ciphertext, webhook_secret, settings, persona_name,
                                          persona_avatar_url, default_department_id, created_at)
                    VALUES (?, ?, ?, ?, ?, COALESCE(?, '{}'), ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.kind.rawValue, draft.name, draft.mode.rawValue, credentials?.tokenCiphertext,
                    credentials?.webhookSecretCiphertext?.base64EncodedString(), credentials?.settingsJSON, draft.persona.name,
                    draft.persona.avatarURL, draft.defaultDepartmentID?.rawValue, now.timeIntervalSince1970,
                ]
            )
        }
        return Channel(
            id: ChannelID(id),
            kind: draft.kind,
            name: draft.name,
            mode: draft.mode,
            persona: draft.persona,
            defaultDepartmentID: draft.defaultDepartmentID
        )
    }

    public func channelCredentials(_ id: ChannelID) async throws -> ChannelCredentials? {
        try await read { db in
            guard
                let row = try await db.row(
                    sql: "SELECT token_ciphertext, webhook_secret, settings FROM channels WHERE id = ?",
                    arguments: [id.rawValue]
                ),
                let token: Data = try row["token_ciphertext"]
            else { return nil }
            // The webhook secret column is TEXT (migration 0001), so its ciphertext is kept as base64.
            let secret: String? = try row["webhook_secret"]
            return ChannelCredentials(
                tokenCiphertext: token,
                webhookSecretCiphertext: secret.flatMap { Data(base64Encoded: $0) },
                settingsJSON: try row["settings"]
            )
        }
    }

    public func updateChannelMode(_ id: ChannelID, mode: ChannelMode, webhookSecretCiphertext: Data?) async throws {
        try await write { db in
            let changed = try await db.changes(
                sql: "UPDATE channels SET mode = ?, webhook_secret = ? WHERE id = ?",
                arguments: [mode.rawValue, webhookSecretCiphertext?.base64EncodedString(), id.rawValue]
            )
            guard changed > 0 else { throw StoreError.notFound("channel \(id)") }
        }
    }

    public func setChannelProblem(_ id: ChannelID, problem: String?) async throws {
        try await write { db in
            let changed = try await db.changes(sql: "UPDATE channels SET problem = ? WHERE id = ?", arguments: [problem, id.rawValue])
            guard changed > 0 else { throw StoreError.notFound("channel \(id)") }
        }
    }
}
