public import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func settleAttachment(_ outcome: Attachment, ofMessage messageID: MessageID, at now: Date) async throws -> [Event] {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM messages WHERE id = ?", arguments: [messageID.rawValue]) else {
                throw StoreError.notFound("message \(messageID)")
            }
            let message = try RowDecoding.message(row)
            let contact = try await db.value(
                Int64.self,
                sql: "SELECT contact_id FROM conversations WHERE id = ?",
                arguments: [message.conversationID.rawValue]
            )
            guard let (updated, event) = AttachmentDownload.apply(outcome, to: message, contact: contact.map(ContactID.init), at: now) else {
                return []
            }
            try await db.execute(
                sql: "UPDATE messages SET attachments = ? WHERE id = ?",
                arguments: [String(decoding: try JSONEncoder().encode(updated.attachments), as: UTF8.self), messageID.rawValue]
            )
            var events = EventAppender(db)
            try await events.append([event])
            return events.appended
        }
    }

    public func pendingDownloads(channel: ChannelID, since: Date, limit: Int) async throws -> [PendingDownload] {
        try await read { db in
            // The LIKE only narrows the scan; the decoded details decide.
            let rows = try await db.rows(
                sql: """
                    SELECT * FROM messages
                    WHERE created_at >= ? AND direction = 'in' AND channel_id = ? AND attachments LIKE '%"download":"pending"%'
                    ORDER BY id LIMIT ?
                    """,
                arguments: [since.timeIntervalSince1970, channel.rawValue, limit]
            )
            return try rows.map(RowDecoding.message).flatMap { message in
                message.attachments.filter(AttachmentDownload.isPending).map { PendingDownload(messageID: message.id, attachment: $0) }
            }
        }
    }
}
