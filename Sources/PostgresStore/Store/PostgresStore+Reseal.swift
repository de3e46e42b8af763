public import Foundation

extension PostgresStore {
    /// Re-encrypts every stored secret (bot tokens, webhook secrets) in one transaction: either all
    /// of them move to the new key or none does.
    /// - Parameter reseal: turns one sealed value into its sealing under the new key; throwing rolls
    ///   everything back.
    /// - Returns: How many secrets were rewritten.
    public func resealSecrets(_ reseal: @Sendable (Data) throws -> Data) async throws -> Int {
        try await write { db in
            var count = 0
            let rows = try await db.rows(sql: "SELECT id, token_ciphertext, webhook_secret FROM channels")
            for row in rows {
                let id: Int64 = try row["id"]
                if let token: Data = try row["token_ciphertext"] {
                    try await db.execute(sql: "UPDATE channels SET token_ciphertext = ? WHERE id = ?", arguments: [try reseal(token), id])
                    count += 1
                }
                // TEXT column (migration 0001): the ciphertext is kept as base64.
                if let secret: String = try row["webhook_secret"], let sealed = Data(base64Encoded: secret) {
                    try await db.execute(
                        sql: "UPDATE channels SET webhook_secret = ? WHERE id = ?",
                        arguments: [try reseal(sealed).base64EncodedString(), id]
                    )
                    count += 1
                }
            }
            for row in try await db.rows(sql: "SELECT id, secret_ciphertext FROM outgoing_webhooks") {
                let sealed: Data = try row["secret_ciphertext"]
                try await db.execute(
                    sql: "UPDATE outgoing_webhooks SET secret_ciphertext = ? WHERE id = ?",
                    arguments: [try reseal(sealed), try row["id"] as Int64]
                )
                count += 1
            }
            return count
        }
    }
}
