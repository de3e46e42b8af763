import Foundation
public import Logging
public import PostgresNIO
public import SwitchboardCore

/// The event log in PostgreSQL: appended inside the transactions that made the changes, read by
/// every instance after the sequence number it has delivered.
///
/// **Why an appender takes a lock.** With concurrent transactions, `seq` 41 can be drawn by a
/// transaction that commits after the one that drew 42. A reader that saw 42 and moved its cursor
/// past 41 would never deliver 41. So every transaction that appends events first takes one
/// transaction-level advisory lock (`AdvisoryLock.eventAppend`), draws its numbers while holding
/// it, and keeps it until it commits or rolls back. Numbers are then drawn in commit order: when a
/// reader sees 42, the transaction that drew 41 has already committed (PostgreSQL makes a commit
/// visible before it releases the committing transaction's locks), and a number of a transaction
/// that rolled back is a gap nobody can fill later. The price is that appends across the cluster
/// commit one at a time, for the short span from the append to the commit; the store keeps that
/// span short by appending events last in each transaction, which also rules out a deadlock
/// between the lock and row locks taken after it.
///
/// The other choice, a reader that delivers only up to a horizon below every transaction still in
/// flight (`pg_snapshot_xmin`), keeps appends parallel but holds every reader back behind the
/// slowest open transaction anywhere in the database, and needs a transaction id per event.
public struct PostgresEventLog: EventLog {
    /// The channel `NOTIFY` wakes other instances on when events commit.
    public static let notificationChannel = "switchboard_events"

    let database: PostgresPool

    /// The log of `database`.
    public init(_ database: PostgresPool) {
        self.database = database
    }

    public func events(after seq: Int64, limit: Int) async throws -> [Event] {
        let rows = try await database.client.query(
            """
            SELECT seq, kind, occurred_at, contact_id, conversation_id, message_id, payload
            FROM events WHERE seq > \(seq) ORDER BY seq LIMIT \(limit)
            """,
            logger: database.logger
        )
        var events: [Event] = []
        for try await row in rows {
            events.append(try Self.event(row))
        }
        return events
    }

    public func latestSeq() async throws -> Int64 {
        let rows = try await database.client.query("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM events", logger: database.logger)
        for try await row in rows {
            return try row.decode(Int64.self)
        }
        return 0
    }

    /// Appends `drafts` in the caller's open transaction, in order, and returns them numbered.
    ///
    /// Call it last in a transaction: from here until commit, other appenders wait (see the type's
    /// documentation). Other instances are woken by a `NOTIFY` that PostgreSQL sends only if the
    /// transaction commits.
    public static func append(_ drafts: [EventDraft], on connection: PostgresConnection, logger: Logger) async throws -> [Event] {
        let encoder = EventPayloadCoding.encoder()
        let entries = try drafts.map { draft in
            EncodedEvent(
                kind: draft.kind,
                occurredAt: draft.occurredAt,
                contactID: draft.contactID,
                conversationID: draft.conversationID,
                messageID: draft.messageID,
                payload: String(decoding: try encoder.encode(draft.payload), as: UTF8.self)
            )
        }
        return try await append(entries, on: connection, logger: logger)
    }

    /// Appends events whose payloads are already JSON; see `append(_:on:logger:)`.
    static func append(_ entries: [EncodedEvent], on connection: PostgresConnection, logger: Logger) async throws -> [Event] {
        guard !entries.isEmpty else { return [] }
        // Round-trip dates through the stored representation so a live event equals its re-read copy.
        let dates = entries.map { Date(timeIntervalSince1970: $0.occurredAt.timeIntervalSince1970) }
        let payloads = entries.map(\.payload)
        let kinds = entries.map(\.kind.rawValue)
        let seconds = dates.map(\.timeIntervalSince1970)
        // Ids start at 1; 0 stands for "none" because the arrays carry no NULLs.
        let contacts = entries.map { $0.contactID?.rawValue ?? 0 }
        let conversations = entries.map { $0.conversationID?.rawValue ?? 0 }
        let messages = entries.map { $0.messageID?.rawValue ?? 0 }
        // One statement takes the lock, draws the numbers in the entries' order and queues the
        // notification, so the lock is held for this round trip and the commit's, no more. The
        // lock's one-row subquery is joined before any row is inserted, so no number is drawn unlocked.
        let rows = try await connection.query(
            """
            WITH appended AS (
                INSERT INTO events (kind, occurred_at, contact_id, conversation_id, message_id, payload)
                SELECT d.kind, d.occurred_at, NULLIF(d.contact_id, 0), NULLIF(d.conversation_id, 0), NULLIF(d.message_id, 0), d.payload
                FROM (SELECT pg_advisory_xact_lock(\(AdvisoryLock.eventAppend))) AS appending,
                     unnest(\(kinds)::text[], \(seconds)::float8[], \(contacts)::int8[], \(conversations)::int8[], \(messages)::int8[], \(payloads)::text[])
                         WITH ORDINALITY AS d(kind, occurred_at, contact_id, conversation_id, message_id, payload, position)
                ORDER BY d.position
                RETURNING seq
            )
            SELECT appended.seq FROM appended, (SELECT pg_notify(\(notificationChannel), '')) AS notified
            """,
            logger: logger
        )
        var numbers: [Int64] = []
        for try await seq in rows.decode(Int64.self) { numbers.append(seq) }
        guard numbers.count == entries.count else {
            throw StoreError.invalid("the event insert returned \(numbers.count) numbers for \(entries.count) events")
        }
        // Numbers were drawn in insertion order, which is the entries' order, whatever order RETURNING lists them in.
        return zip(numbers.sorted(), zip(entries, dates)).map { seq, entry in
            let (encoded, date) = entry
            return Event(
                seq: seq,
                kind: encoded.kind,
                occurredAt: date,
                contactID: encoded.contactID,
                conversationID: encoded.conversationID,
                messageID: encoded.messageID,
                payload: encoded.payload
            )
        }
    }

    static func event(_ row: PostgresRow) throws -> Event {
        let (seq, kind, occurredAt, contact, conversation, message, payload) = try row.decode(
            (Int64, String, Double, Int64?, Int64?, Int64?, String).self
        )
        guard let known = EventKind(rawValue: kind) else { throw StoreError.invalid("unknown event kind \(kind) in the log") }
        return Event(
            seq: seq,
            kind: known,
            occurredAt: Date(timeIntervalSince1970: occurredAt),
            contactID: contact.map(ContactID.init),
            conversationID: conversation.map(ConversationID.init),
            messageID: message.map(MessageID.init),
            payload: payload
        )
    }
}

/// An event to append whose payload is already JSON.
struct EncodedEvent {
    var kind: EventKind
    var occurredAt: Date
    var contactID: ContactID?
    var conversationID: ConversationID?
    var messageID: MessageID?
    var payload: String
}
