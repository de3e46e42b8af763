public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func settleAttachment(_ outcome: Attachment, ofMessage messageID: MessageID, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM messages WHERE id = ?", arguments: [messageID.rawValue]) else {
                throw StoreError.notFound("message \(messageID)")
            }
            let message = try RowDecoding.message(row)
            let contact = try db.cachedValue(
                Int64.self,
                sql: "SELECT contact_id FROM conversations WHERE id = ?",
                arguments: [message.conversationID.rawValue]
            )
            guard let (updated, event) = AttachmentDownload.apply(outcome, to: message, contact: contact.map(ContactID.init), at: now) else {
                return []
            }
            try db.cachedExecute(
                sql: "UPDATE messages SET attachments = ? WHERE id = ?",
                arguments: [String(decoding: try JSONEncoder().encode(updated.attachments), as: UTF8.self), messageID.rawValue]
            )
            var events = EventAppender(db)
            try events.append([event])
            return events.appended
        }
    }
}
