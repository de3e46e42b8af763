public import SwitchboardCore

extension PostgresStore: UploadReferences {
    public func attachedUploadPaths() async throws -> Set<String> {
        try await read { db in
            let paths = try await db.values(
                String.self,
                sql: """
                    SELECT DISTINCT attachment ->> 'storedPath' FROM messages, jsonb_array_elements(messages.attachments::jsonb) AS attachment
                    WHERE attachment ->> 'storedPath' LIKE 'uploads/%'
                    """
            )
            return Set(paths)
        }
    }
}
