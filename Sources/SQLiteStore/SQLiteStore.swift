public import Foundation
import GRDB
public import SwitchboardCore

/// The database was migrated by a newer version of Switchboard.
public struct NewerDatabaseError: Error, CustomStringConvertible {
    public let path: String

    public var description: String {
        "\(path) was migrated by a newer Switchboard; run that version, or restore a backup taken before the upgrade"
    }
}

/// The embedded store: one SQLite file in WAL mode behind a GRDB `DatabasePool`.
///
/// Every public operation is one transaction. Writers are serialized by SQLite, which is what
/// keeps event sequence numbers dense and in commit order.
public final class SQLiteStore: Store {
    let pool: DatabasePool
    let reopenWindow: TimeInterval
    let floodLimits: FloodLimits
    /// The settings every ingest reads, from memory (see `IngestSettingsMemory`).
    let ingestSettings: IngestSettingsMemory

    /// Opens (creating if needed) the database file and migrates it.
    /// - Parameters:
    ///   - path: the SQLite file; its WAL and SHM files live beside it.
    ///   - reopenWindow: how long after resolution a client message reopens a conversation.
    ///   - floodLimits: when an identity that sends too many messages is muted (`FloodRule`).
    /// - Throws: when the file cannot be opened or a migration fails.
    public init(path: String, reopenWindow: TimeInterval = ConversationPolicy.defaultReopenWindow, floodLimits: FloodLimits = .standard) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // NORMAL is durable in WAL mode against process crashes; only a power loss may drop the last commits.
            try db.cachedExecute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Self.refuseNewer(pool, path: path)
        try SQLiteMigrations.migrator.migrate(pool)
        let routing = try pool.read { db in try Self.readRoutingSettings(db) }
        self.pool = pool
        self.reopenWindow = reopenWindow
        self.floodLimits = floodLimits
        self.ingestSettings = IngestSettingsMemory(escalation: EscalationWords(routing.escalationWords))
    }

    /// A database migrated by a newer Switchboard has tables this version does not know how to keep
    /// consistent, so it is refused instead of being written to.
    static func refuseNewer(_ database: some DatabaseReader, path: String) throws {
        let superseded = try database.read { try SQLiteMigrations.migrator.hasBeenSuperseded($0) }
        if superseded { throw NewerDatabaseError(path: path) }
    }

    /// Applies pending migrations to a database file without keeping it open.
    /// - Returns: the identifiers of the migrations that were applied.
    public static func migrate(path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        try refuseNewer(queue, path: path)
        let migrator = SQLiteMigrations.migrator
        let before = try queue.read { try migrator.appliedIdentifiers($0) }
        try migrator.migrate(queue)
        let after = try queue.read { try migrator.appliedIdentifiers($0) }
        try queue.close()
        return SQLiteMigrations.migrator.migrations.filter { after.contains($0) && !before.contains($0) }
    }

    /// Closes the database; the value must not be used afterwards.
    public func close() throws {
        try pool.close()
    }

    public func ping() async throws {
        _ = try await pool.read { db in try db.cachedValue(Int.self, sql: "SELECT 1") }
    }

    public func createChannel(_ draft: ChannelDraft, at now: Date) async throws -> Channel {
        try await pool.write { db in try Self.insertChannel(db, draft, credentials: nil, at: now) }
    }

    public func channels() async throws -> [Channel] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM channels WHERE removed_at IS NULL ORDER BY id").map(RowDecoding.channel)
        }
    }

    public func createOperator(_ draft: OperatorDraft, at now: Date) async throws -> Operator {
        try await pool.write { db in try Self.insertOperator(db, draft, at: now) }
    }

    static func insertOperator(_ db: Database, _ draft: OperatorDraft, at now: Date) throws -> Operator {
        try mapConstraint("operator '\(draft.login)'") {
            try db.cachedExecute(
                sql: "INSERT INTO operators (login, password_hash, display_name, avatar_url, role, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [draft.login, draft.passwordHash, draft.displayName, draft.avatarURL, draft.role.rawValue, now.timeIntervalSince1970]
            )
        }
        return Operator(
            id: OperatorID(db.lastInsertedRowID),
            login: draft.login,
            displayName: draft.displayName,
            avatarURL: draft.avatarURL,
            role: draft.role
        )
    }

    public func conversation(_ id: ConversationID) async throws -> Conversation? {
        try await pool.read { db in try Self.fetchConversation(db, id) }
    }

    public func messages(in conversationID: ConversationID) async throws -> [Message] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", arguments: [conversationID.rawValue])
                .map(RowDecoding.message)
        }
    }

    public func contact(_ id: ContactID) async throws -> Contact? {
        try await pool.read { db in
            try db.cachedRow(sql: "SELECT * FROM contacts WHERE id = ?", arguments: [id.rawValue]).map(RowDecoding.contact)
        }
    }

    public func identities(of contactID: ContactID) async throws -> [Identity] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM identities WHERE contact_id = ? ORDER BY id", arguments: [contactID.rawValue])
                .map(RowDecoding.identity)
        }
    }

    static func fetchConversation(_ db: Database, _ id: ConversationID) throws -> Conversation? {
        try db.cachedRow(sql: "SELECT * FROM conversations WHERE id = ?", arguments: [id.rawValue]).map(RowDecoding.conversation)
    }

    /// Turns SQLite constraint violations into domain errors so callers can answer 409 or 404.
    static func mapConstraint<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            // A taken text primary key (link codes, context keys) is a conflict just like a taken unique column.
            throw StoreError.conflict(what)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.notFound("a record referenced by \(what)")
        }
    }
}
