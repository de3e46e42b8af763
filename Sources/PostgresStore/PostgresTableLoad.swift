public import Foundation
import Logging
import PostgresNIO

/// Writes rows copied from another database into PostgreSQL tables, for `copy-database`: the
/// target's column types, typed batched inserts, sequences that continue after the copied ids,
/// and row counts, all inside one transaction so a failure leaves the target as it was.
public struct PostgresTableLoad: Sendable {
    /// Tables whose rows the migrations themselves write (the fan-out cursors of migrations 0025
    /// and 0035): a freshly migrated database is empty apart from these, and the copy replaces them.
    public static let seededByMigrations: Set<String> = ["topic_fan_out", "webhook_fan_out"]

    /// The most bind parameters one statement carries by default, well under PostgreSQL's limit of 65,535.
    public static let defaultParametersPerStatement = 29_999

    let pool: PostgresPool
    let parametersPerStatement: Int

    /// A load into `pool`'s database, which must be migrated.
    /// - Parameter parametersPerStatement: how many values one `INSERT` carries at most (a row's
    ///   values never split); fewer make more, smaller statements.
    public init(_ pool: PostgresPool, parametersPerStatement: Int = defaultParametersPerStatement) {
        self.pool = pool
        self.parametersPerStatement = max(1, min(parametersPerStatement, Self.defaultParametersPerStatement))
    }

    /// Connects once outside the pool and disconnects, so an unreachable server, a wrong password
    /// or a missing database fails at once with its reason; the pool would retry for a minute and
    /// then report only that it gave up.
    public func checkConnection() async throws {
        let connection = try await pool.dedicatedConnection()
        try await connection.close()
    }

    /// The tables a copy writes, by name: every table of the current schema except the migrations
    /// table (each engine records its own) and the full-text tables (`*_fts`), which triggers fill
    /// from the copied contacts, identities and messages.
    public func tables() async throws -> [String: PostgresLoadTable] {
        try await pool.client.withConnection { connection in
            let logger = pool.logger
            let columnRows = try await connection.query(
                """
                SELECT c.table_name, c.column_name, c.data_type, c.is_nullable = 'YES',
                       c.column_default IS NOT NULL OR c.is_identity = 'YES', c.is_identity = 'YES'
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                ORDER BY c.table_name, c.ordinal_position
                """,
                logger: logger
            )
            var columns: [String: [PostgresLoadColumn]] = [:]
            for try await (table, name, dataType, nullable, hasDefault, identity) in columnRows.decode(
                (String, String, String, Bool, Bool, Bool).self
            ) {
                guard table != "schema_migrations", !table.hasSuffix("_fts") else { continue }
                columns[table, default: []].append(
                    PostgresLoadColumn(name: name, dataType: dataType, nullable: nullable, hasDefault: hasDefault, isIdentity: identity)
                )
            }
            let keyRows = try await connection.query(
                """
                SELECT c.relname, a.attname
                FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
                ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)
                """,
                logger: logger
            )
            var keys: [String: [String]] = [:]
            for try await (table, column) in keyRows.decode((String, String).self) {
                keys[table, default: []].append(column)
            }
            return columns.reduce(into: [:]) { tables, entry in
                tables[entry.key] = PostgresLoadTable(name: entry.key, columns: entry.value, primaryKey: keys[entry.key] ?? [])
            }
        }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    /// Statements in it have no time limit: copying a big table is a long statement by design.
    public func inTransaction<Result: Sendable>(_ body: (PostgresTableWriter) async throws -> Result) async throws -> Result {
        try await pool.withTransaction { connection in
            try await connection.run("SET LOCAL statement_timeout = 0", logger: pool.logger)
            let writer = PostgresTableWriter(connection: connection, logger: pool.logger, parametersPerStatement: parametersPerStatement)
            return try await body(writer)
        }
    }
}

/// A table `PostgresTableLoad` writes, as the target database describes it.
public struct PostgresLoadTable: Sendable, Equatable {
    public let name: String
    /// Every column, in declaration order.
    public let columns: [PostgresLoadColumn]
    /// The primary key's columns, in key order; empty for a table without one.
    public let primaryKey: [String]

    /// The column called `name`, if the table has one.
    public func column(_ name: String) -> PostgresLoadColumn? {
        columns.first { $0.name == name }
    }

    /// Columns a row must be given: NOT NULL without a default (an identity counts as one).
    public var requiredColumns: [String] {
        columns.filter { !$0.nullable && !$0.hasDefault }.map(\.name)
    }
}

/// A column of a `PostgresLoadTable`.
public struct PostgresLoadColumn: Sendable, Equatable {
    /// The column types Switchboard's schema uses, by the names a cast takes.
    public enum ColumnType: String, Sendable {
        case bigint
        case doublePrecision = "double precision"
        case text
        case bytea
    }

    public let name: String
    /// The type as `information_schema.columns.data_type` names it.
    public let dataType: String
    public let nullable: Bool
    public let hasDefault: Bool
    /// Whether a sequence numbers it (`GENERATED … AS IDENTITY`).
    public let isIdentity: Bool

    /// The type, nil for one a copy cannot write.
    public var type: ColumnType? { ColumnType(rawValue: dataType) }
}

/// A value to load, as the source stored it; `PostgresTableWriter.copy` converts it to the column's type.
public enum PostgresLoadValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// Why rows could not be loaded. No case carries a value of a row, which may be personal data or a secret.
public enum PostgresLoadError: Error, Equatable, CustomStringConvertible {
    case notEmpty([String])
    case unknownColumn(table: String, column: String)
    case unsupportedType(table: String, column: String, type: String)
    case unconvertible(table: String, column: String, type: String)
    case noKeyForSelfReference(table: String)
    case rejected(table: String, reason: String)

    public var description: String {
        switch self {
        case .notEmpty(let tables):
            "the target database already has rows in \(tables.joined(separator: ", ")); copy only into a new, empty database"
        case .unknownColumn(let table, let column): "the target table \(table) has no column \(column)"
        case .unsupportedType(let table, let column, let type): "\(table).\(column) is of type \(type), which a copy cannot write"
        case .unconvertible(let table, let column, let type): "a value in \(table).\(column) cannot be converted to \(type)"
        case .noKeyForSelfReference(let table):
            "\(table) refers to itself but its primary key is not copied, so the references cannot be restored"
        case .rejected(let table, let reason): "the target refused rows of \(table): \(reason)"
        }
    }
}

extension PostgresTableLoad {
    /// What went wrong in PostgreSQL, said for an admin: the server's message, or why the
    /// connection failed; never the server's detail, which may quote a row. Nil for an error that
    /// did not come from PostgreSQL.
    public static func reason(_ error: any Error) -> String? {
        if let transaction = error as? PostgresTransactionError {
            // The first failure is the cause; a failed rollback after it is only a consequence.
            let cause = transaction.beginError ?? transaction.closureError ?? transaction.commitError ?? transaction.rollbackError
            return cause.map { reason($0) ?? "\($0)" }
        }
        guard let error = error as? PSQLError else { return nil }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
