public import Foundation
import Logging
import PostgresNIO
public import SwitchboardCore

/// The clustered store: the same engine as the SQLite store, on a PostgreSQL database that several
/// Switchboard instances share.
///
/// Every public operation is one transaction. **Writes run one at a time across the cluster**: a
/// write transaction takes a transaction-level advisory lock (`AdvisoryLock.storeWrite`) as its
/// first statement and holds it to commit, at `READ COMMITTED`, so every statement after the lock
/// sees every earlier write. That is SQLite's single writer again, which is what the rules Core
/// applies to a snapshot assume (read the state, decide, write). The alternative, `SERIALIZABLE`
/// with retries, was tried first: six concurrent ingests into a small database kept failing one
/// another (PostgreSQL tracks reads of small tables by page), and some ran out of retries. A desk's
/// write rate (messages, replies, assignments) is far below what one writer commits, and most
/// writes append events, whose lock serializes their commits anyway (`PostgresEventLog`).
/// Reads run in one `REPEATABLE READ` snapshot and never wait for writers.
public final class PostgresStore: Sendable {
    let pool: PostgresPool
    let reopenWindow: TimeInterval
    let floodLimits: FloodLimits
    /// Finishes when the database is ready for this build: every operation waits for it first.
    private let ready: Task<Void, any Error>

    /// How long opening waits for the server's first answer before every operation fails with
    /// `DatabaseUnavailable`: `serve` then stops at start instead of waiting for ever.
    static let firstAnswerWait = Duration.seconds(15)
    /// How long `ping()` (`/readyz`) waits for an answer once the store is open.
    static let pingWait = Duration.seconds(2)

    /// How many times a write that lost a serialization race is run again before its error is thrown.
    static let writeAttempts = 12

    /// A store on `pool`.
    /// - Parameters:
    ///   - migrating: whether to apply pending migrations (`PostgresMigrator`, once across the
    ///     cluster) before the first operation runs; that operation throws the migration's error.
    ///     Opening stays synchronous, so the one place every command opens its store does not change
    ///     with the engine; `serve` awaits `ping()` before it starts.
    ///   - reopenWindow: how long after resolution a client message reopens a conversation.
    ///   - floodLimits: when an identity that sends too many messages is muted (`FloodRule`).
    public init(
        pool: PostgresPool,
        migrating: Bool = false,
        reopenWindow: TimeInterval = ConversationPolicy.defaultReopenWindow,
        floodLimits: FloodLimits = .standard
    ) {
        self.pool = pool
        self.reopenWindow = reopenWindow
        self.floodLimits = floodLimits
        ready = Task {
            try await pool.answer(within: Self.firstAnswerWait)
            if migrating { _ = try await PostgresMigrator.migrate(pool) }
        }
    }

    /// Closes the pool; the value must not be used afterwards.
    public func close() async {
        ready.cancel()
        await pool.close()
    }

    /// Starts closing the pool without waiting; the value must not be used afterwards.
    public func shutdown() {
        ready.cancel()
        pool.shutdown()
    }

    /// Runs `body` in one write transaction, after every write before it anywhere in the cluster
    /// (see the type's documentation); again from the start if PostgreSQL still reports a lost race
    /// (`40001`, `40P01`), which the lock leaves only to writers outside the store.
    func write<Result: Sendable>(_ body: (Session) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED", lock: AdvisoryLock.storeWrite, body)
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < Self.writeAttempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    /// Runs `body` on one consistent snapshot of the database.
    func read<Result: Sendable>(_ body: (Session) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: nil, body)
    }

    func transaction<Result: Sendable>(
        _ begin: String,
        lock: Int64?,
        _ body: (Session) async throws -> Result
    ) async throws -> Result {
        try await ready.value
        return try await pool.client.withConnection { connection in
            let session = Session(connection: connection, logger: pool.logger)
            try await session.execute(sql: begin)
            let result: Result
            do {
                if let lock { try await session.execute(sql: "SELECT pg_advisory_xact_lock(?)", arguments: [lock]) }
                result = try await body(session)
            } catch {
                // A connection that cannot roll back is closed by the pool; the body's error is the one to report.
                try? await session.execute(sql: "ROLLBACK")
                throw error
            }
            try await session.execute(sql: "COMMIT")
            return result
        }
    }

    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// Turns constraint violations into domain errors so callers can answer 409 or 404.
    static func mapConstraint<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw StoreError.conflict(what)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            throw StoreError.notFound("a record referenced by \(what)")
        }
    }

    /// Answers within `pingWait` once the store is open (migrations are not timed), or throws.
    public func ping() async throws {
        try await ready.value
        try await pool.answer(within: Self.pingWait)
    }

    public func events(after seq: Int64, limit: Int) async throws -> [Event] {
        try await ready.value
        return try await PostgresEventLog(pool).events(after: seq, limit: limit)
    }

    public func latestSeq() async throws -> Int64 {
        try await ready.value
        return try await PostgresEventLog(pool).latestSeq()
    }

    public func createChannel(_ draft: ChannelDraft, at now: Date) async throws -> SwitchboardCore.Channel {
        try await write { db in try await Self.insertChannel(db, draft, credentials: nil, at: now) }
    }

    public func channels() async throws -> [SwitchboardCore.Channel] {
        try await read { db in
            try await db.rows(sql: "SELECT * FROM channels WHERE removed_at IS NULL ORDER BY id").map(RowDecoding.channel)
        }
    }

    public func createOperator(_ draft: OperatorDraft, at now: Date) async throws -> Operator {
        try await write { db in try await Self.insertOperator(db, draft, at: now) }
    }

    static func insertOperator(_ db: Session, _ draft: OperatorDraft, at now: Date) async throws -> Operator {
        let id = try await mapConstraint("operator '\(draft.login)'") {
            try await db.insert(
                sql: "INSERT INTO operators (login, password_hash, display_name, avatar_url, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [draft.login, draft.passwordHash, draft.displayName, draft.avatarURL, draft.role.rawValue, now.timeIntervalSince1970]
            )
        }
        return Operator(id: OperatorID(id), login: draft.login, displayName: draft.displayName, avatarURL: draft.avatarURL, role: draft.role)
    }

    public func conversation(_ id: ConversationID) async throws -> Conversation? {
        try await read { db in try await Self.fetchConversation(db, id) }
    }

    public func messages(in conversationID: ConversationID) async throws -> [Message] {
        try await read { db in
            try await db.rows(sql: "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", arguments: [conversationID.rawValue])
                .map(RowDecoding.message)
        }
    }

    public func contact(_ id: ContactID) async throws -> Contact? {
        try await read { db in
            try await db.row(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]).map(RowDecoding.contact)
        }
    }

    public func identities(of contactID: ContactID) async throws -> [Identity] {
        try await read { db in
            try await db.rows(sql: "SELECT * FROM identities WHERE contact_id = ? ORDER BY id", arguments: [contactID.rawValue])
                .map(RowDecoding.identity)
        }
    }

    static func fetchConversation(_ db: Session, _ id: ConversationID) async throws -> Conversation? {
        try await db.row(sql: "SELECT * FROM conversations WHERE id = ?", arguments: [id.rawValue]).map(RowDecoding.conversation)
    }
}

/// Appends events inside a write transaction; the caller's transaction decides whether they exist.
///
/// Each append takes the cluster-wide append lock until the transaction ends (see
/// `PostgresEventLog`), so callers append as late in the transaction as they can.
struct EventAppender {
    let db: Session
    private(set) var appended: [Event] = []

    init(_ db: Session) {
        self.db = db
    }

    static let encoder = EventPayloadCoding.encoder()

    /// Appends the events a decision asked for, in order.
    mutating func append(_ drafts: [EventDraft]) async throws {
        appended += try await PostgresEventLog.append(drafts, on: db.connection, logger: db.logger)
    }

    /// Appends one event whose payload is the JSON of `payload`.
    mutating func append(
        _ kind: EventKind,
        at date: Date,
        contact: ContactID? = nil,
        conversation: ConversationID? = nil,
        message: MessageID? = nil,
        payload: some Encodable
    ) async throws {
        let json = String(decoding: try Self.encoder.encode(payload), as: UTF8.self)
        let entry = EncodedEvent(kind: kind, occurredAt: date, contactID: contact, conversationID: conversation, messageID: message, payload: json)
        appended += try await PostgresEventLog.append([entry], on: db.connection, logger: db.logger)
    }
}

/// NIO has a `Channel` too; in this module the word means a connected bot.
typealias Channel = SwitchboardCore.Channel

extension PostgresStore {
    /// A tail that feeds `bus` the events every instance on this database commits after `start`
    /// (see `PostgresEventTail`).
    public func eventTail(publishingTo bus: any EventBus, after start: Int64) -> PostgresEventTail {
        PostgresEventTail(database: pool, bus: bus, after: start)
    }
}

/// Work that one instance of a cluster does at a time.
public enum ClusterRole: Sendable, Equatable {
    /// Polling one Telegram bot: Telegram allows one `getUpdates` per bot.
    case poller(ChannelID)
    /// Sending outgoing webhooks: the queue is read, not claimed, so two senders would post twice.
    case webhookSender
    /// Firing scheduled timers, which are read when due, not claimed.
    case scheduler
}

extension PostgresStore {
    /// The lease that lets one instance on this database at a time do `role`'s work (see `PostgresLease`).
    public func lease(for role: ClusterRole) -> PostgresLease {
        switch role {
        case .poller(let channel): PostgresLease.poller(of: channel.rawValue, pool: pool)
        case .webhookSender: PostgresLease(pool: pool, key: AdvisoryLock.webhookSender)
        case .scheduler: PostgresLease(pool: pool, key: AdvisoryLock.scheduler)
        }
    }
}
