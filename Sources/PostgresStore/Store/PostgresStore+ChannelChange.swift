public import SwitchboardCore

extension PostgresStore {
    public func updateChannel(_ id: ChannelID, _ change: ChannelChange) async throws {
        try await write { db in
            guard try await db.row(sql: "SELECT 1 FROM channels WHERE id = ?", arguments: [id.rawValue]) != nil else {
                throw StoreError.notFound("channel \(id)")
            }
            if let persona = change.persona {
                try await db.execute(
                    sql: "UPDATE channels SET persona_name = ?, persona_avatar_url = ? WHERE id = ?",
                    arguments: [persona.name, persona.avatarURL, id.rawValue]
                )
            }
            if let department = change.defaultDepartmentID {
                try await db.execute(
                    sql: "UPDATE channels SET default_department_id = ? WHERE id = ?",
                    arguments: [department?.rawValue, id.rawValue]
                )
            }
            if let token = change.tokenCiphertext {
                try await db.execute(sql: "UPDATE channels SET token_ciphertext = ? WHERE id = ?", arguments: [token, id.rawValue])
            }
            if change.clearsProblem { try await db.execute(sql: "UPDATE channels SET problem = NULL WHERE id = ?", arguments: [id.rawValue]) }
            if let paused = change.isPaused {
                try await db.execute(sql: "UPDATE channels SET paused = ? WHERE id = ?", arguments: [paused, id.rawValue])
            }
            if let settings = change.settingsJSON {
                try await db.execute(sql: "UPDATE channels SET settings = ? WHERE id = ?", arguments: [settings, id.rawValue])
            }
        }
    }
}
