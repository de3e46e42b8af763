import GRDB
public import SwitchboardCore

extension SQLiteStore: UploadReferences {
    public func attachedUploadPaths() async throws -> Set<String> {
        try await pool.read { db in
            let paths = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT json_extract(attachment.value, '$.storedPath') FROM messages, json_each(messages.attachments) AS attachment
                    WHERE json_extract(attachment.value, '$.storedPath') LIKE 'uploads/%'
                    """
            )
            return Set(paths)
        }
    }
}
