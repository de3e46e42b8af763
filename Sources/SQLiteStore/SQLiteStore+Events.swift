import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func events(after seq: Int64, limit: Int) async throws -> [Event] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
                .map(RowDecoding.event)
        }
    }

    public func latestSeq() async throws -> Int64 {
        try await pool.read { db in try db.cachedValue(Int64.self, sql: "SELECT MAX(seq) FROM events") ?? 0 }
    }
}

/// Appends events inside a write transaction; the caller's transaction decides whether they exist.
struct EventAppender {
    let db: Database
    private(set) var appended: [Event] = []

    init(_ db: Database) {
        self.db = db
    }

    static let encoder = EventPayloadCoding.encoder()

    /// Appends the events a decision asked for, in order.
    mutating func append(_ drafts: [EventDraft]) throws {
        for draft in drafts {
            try append(
                draft.kind,
                at: draft.occurredAt,
                contact: draft.contactID,
                conversation: draft.conversationID,
                message: draft.messageID,
                payload: draft.payload
            )
        }
    }

    /// Appends one event whose payload is the JSON of `payload`.
    mutating func append(
        _ kind: EventKind,
        at date: Date,
        contact: ContactID? = nil,
        conversation: ConversationID? = nil,
        message: MessageID? = nil,
        payload: some Encodable
    ) throws {
        let json = String(decoding: try Self.encoder.encode(payload), as: UTF8.self)
        try db.cachedExecute(
            sql: "INSERT INTO events (kind, occurred_at, contact_id, conversation_id, message_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [kind.rawValue, date.timeIntervalSince1970, contact?.rawValue, conversation?.rawValue, message?.rawValue, json]
        )
        appended.append(
            Event(
                seq: db.lastInsertedRowID,
                kind: kind,
                // Round-trip through the stored representation so a live event equals its re-read copy.
                occurredAt: Date(timeIntervalSince1970: date.timeIntervalSince1970),
                contactID: contact,
                conversationID: conversation,
                messageID: message,
                payload: json
            )
        )
    }
}
