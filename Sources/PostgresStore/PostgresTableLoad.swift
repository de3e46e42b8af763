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

/// The writing half of `PostgresTableLoad`, valid only inside its transaction.
public struct PostgresTableWriter: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let parametersPerStatement: Int

    /// Refuses a target that already holds rows, and clears the rows the migrations seeded
    /// (`PostgresTableLoad.seededByMigrations`) so the copied ones take their place.
    /// - Throws: `PostgresLoadError.notEmpty` naming the tables that have rows.
    public func requireEmpty(_ tables: [PostgresLoadTable]) async throws {
        var occupied: [String] = []
        for table in tables.map(\.name).sorted() where !PostgresTableLoad.seededByMigrations.contains(table) {
            let query = PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(quoted(table)))")
            let rows = try await connection.query(query, logger: logger)
            for try await exists in rows.decode(Bool.self) where exists { occupied.append(table) }
        }
        guard occupied.isEmpty else { throw PostgresLoadError.notEmpty(occupied) }
        for table in tables where PostgresTableLoad.seededByMigrations.contains(table.name) {
            try await connection.run(PostgresQuery(unsafeSQL: "DELETE FROM \(quoted(table.name))"), logger: logger)
        }
    }

    /// Inserts rows into `table`, pulling them in batches from `source` until it returns none.
    ///
    /// Each value is converted here to the column's type and cast to it in the statement, so what
    /// the source stored loosely (an integer in a REAL column) arrives in the declared type, and a
    /// value that does not fit fails naming its table and column, never the value. Nullable columns
    /// of `selfReferencing` (a row may point to a later row of the same table) are inserted empty
    /// and filled once every row is in.
    /// - Parameters:
    ///   - columns: the target columns the rows' values are for, in the rows' order.
    ///   - source: returns up to the given number of rows; an empty answer ends the table.
    /// - Returns: the number of rows inserted.
    public func copy(
        into table: PostgresLoadTable,
        columns: [String],
        selfReferencing: [String],
        from source: (_ limit: Int) async throws -> [[PostgresLoadValue]]
    ) async throws -> Int {
        let targets = try columns.map { name in
            guard let column = table.column(name) else { throw PostgresLoadError.unknownColumn(table: table.name, column: name) }
            return column
        }
        let deferred = targets.indices.filter { selfReferencing.contains(targets[$0].name) && targets[$0].nullable }
        let keyIndices = deferred.isEmpty ? [] : table.primaryKey.compactMap { columns.firstIndex(of: $0) }
        if !deferred.isEmpty && (table.primaryKey.isEmpty || keyIndices.count != table.primaryKey.count) {
            throw PostgresLoadError.noKeyForSelfReference(table: table.name)
        }
        let batch = max(1, parametersPerStatement / max(1, targets.count))
        var copied = 0
        var laterReferences: [[PostgresLoadValue]] = []
        while true {
            var rows = try await source(batch)
            guard !rows.isEmpty else { break }
            if !deferred.isEmpty {
                for index in rows.indices where deferred.contains(where: { rows[index][$0] != .null }) {
                    laterReferences.append(keyIndices.map { rows[index][$0] } + deferred.map { rows[index][$0] })
                    for column in deferred { rows[index][column] = .null }
                }
            }
            try await insert(rows, into: table, columns: targets)
            copied += rows.count
        }
        if !laterReferences.isEmpty {
            let keys = table.primaryKey.compactMap(table.column)
            try await update(table, keys: keys, columns: deferred.map { targets[$0] }, rows: laterReferences)
        }
        return copied
    }

    /// Sets each identity column's sequence so the next id is one past both the highest copied id
    /// and `floor` (the source's last handed-out number, which deleted rows may have left above the
    /// highest id); an empty table without a floor starts at 1 again.
    public func continueSequences(of table: PostgresLoadTable, after floor: Int64?) async throws {
        for column in table.columns where column.isIdentity {
            var binds = PostgresBindings()
            binds.append(quoted(table.name))
            binds.append(column.name)
            binds.append(floor ?? 0)
            let highest = "GREATEST(COALESCE(MAX(\(quoted(column.name))), 0), $3::bigint)"
            try await connection.run(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence($1::text, $2::text), GREATEST(\(highest), 1), \(highest) >= 1)
                        FROM \(quoted(table.name))
                        """,
                    binds: binds
                ),
                logger: logger
            )
        }
    }

    /// The number of rows `table` holds in this transaction.
    public func count(_ table: PostgresLoadTable) async throws -> Int {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(quoted(table.name))"), logger: logger)
        var count = 0
        for try await value in rows.decode(Int64.self) { count = Int(value) }
        return count
    }

    /// One multi-row `INSERT`, each parameter cast to its column's type.
    private func insert(_ rows: [[PostgresLoadValue]], into table: PostgresLoadTable, columns: [PostgresLoadColumn]) async throws {
        var binds = PostgresBindings(capacity: rows.count * columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            var placeholders: [String] = []
            for (value, column) in zip(row, columns) {
                try bind(value, as: column, of: table, into: &binds)
                placeholders.append("$\(binds.count)::\(try castType(column, of: table))")
            }
            tuples.append("(\(placeholders.joined(separator: ", ")))")
        }
        let names = columns.map { quoted($0.name) }.joined(separator: ", ")
        let sql = "INSERT INTO \(quoted(table.name)) (\(names)) OVERRIDING SYSTEM VALUE VALUES \(tuples.joined(separator: ", "))"
        try await running(PostgresQuery(unsafeSQL: sql, binds: binds), on: table)
    }

    /// Sets `columns` of the rows `rows` name by their key (each row: key values, then column values).
    private func update(
        _ table: PostgresLoadTable,
        keys: [PostgresLoadColumn],
        columns: [PostgresLoadColumn],
        rows: [[PostgresLoadValue]]
    ) async throws {
        let all = keys + columns
        let batch = max(1, parametersPerStatement / all.count)
        let names = all.map { quoted($0.name) }.joined(separator: ", ")
        let assignments = columns.map { "\(quoted($0.name)) = source.\(quoted($0.name))" }.joined(separator: ", ")
        let matches = keys.map { "target.\(quoted($0.name)) = source.\(quoted($0.name))" }.joined(separator: " AND ")
        for start in stride(from: 0, to: rows.count, by: batch) {
            var binds = PostgresBindings()
            var tuples: [String] = []
            for row in rows[start..<min(start + batch, rows.count)] {
                var placeholders: [String] = []
                for (value, column) in zip(row, all) {
                    try bind(value, as: column, of: table, into: &binds)
                    placeholders.append("$\(binds.count)::\(try castType(column, of: table))")
                }
                tuples.append("(\(placeholders.joined(separator: ", ")))")
            }
            let sql = """
                UPDATE \(quoted(table.name)) AS target SET \(assignments)
                FROM (VALUES \(tuples.joined(separator: ", "))) AS source (\(names)) WHERE \(matches)
                """
            try await running(PostgresQuery(unsafeSQL: sql, binds: binds), on: table)
        }
    }

    /// Runs a statement that writes `table`, turning the server's refusal into an error that names
    /// the table and the server's reason but not its detail, which quotes the offending row.
    private func running(_ query: PostgresQuery, on table: PostgresLoadTable) async throws {
        do {
            try await connection.run(query, logger: logger)
        } catch let error as PSQLError {
            throw PostgresLoadError.rejected(table: table.name, reason: error.serverInfo?[.message] ?? "the server closed the connection")
        }
    }

    private func castType(_ column: PostgresLoadColumn, of table: PostgresLoadTable) throws -> String {
        guard let type = column.type else {
            throw PostgresLoadError.unsupportedType(table: table.name, column: column.name, type: column.dataType)
        }
        return type.rawValue
    }

    /// Appends `value` converted to `column`'s type, exactly or not at all.
    private func bind(
        _ value: PostgresLoadValue,
        as column: PostgresLoadColumn,
        of table: PostgresLoadTable,
        into binds: inout PostgresBindings
    ) throws {
        guard let type = column.type else {
            throw PostgresLoadError.unsupportedType(table: table.name, column: column.name, type: column.dataType)
        }
        let unconvertible = PostgresLoadError.unconvertible(table: table.name, column: column.name, type: type.rawValue)
        switch (type, value) {
        case (_, .null): binds.appendNull()
        case (.bigint, .integer(let integer)): binds.append(integer)
        case (.bigint, .real(let real)):
            guard let integer = Int64(exactly: real) else { throw unconvertible }
            binds.append(integer)
        case (.bigint, .text(let text)):
            guard let integer = Int64(text.trimmingCharacters(in: .whitespaces)) else { throw unconvertible }
            binds.append(integer)
        case (.doublePrecision, .integer(let integer)): binds.append(Double(integer))
        case (.doublePrecision, .real(let real)): binds.append(real)
        case (.doublePrecision, .text(let text)):
            guard let real = Double(text.trimmingCharacters(in: .whitespaces)) else { throw unconvertible }
            binds.append(real)
        case (.text, .text(let text)): binds.append(text.storable)
        case (.text, .integer(let integer)): binds.append(String(integer))
        case (.text, .real(let real)): binds.append(String(real))
        case (.text, .blob(let data)):
            guard let text = String(validating: data, as: UTF8.self) else { throw unconvertible }
            binds.append(text)
        case (.bytea, .blob(let data)): binds.append(ByteBuffer(bytes: data))
        case (.bytea, .text(let text)): binds.append(ByteBuffer(string: text))
        case (.bigint, .blob), (.doublePrecision, .blob), (.bytea, .integer), (.bytea, .real): throw unconvertible
        }
    }

    private func quoted(_ identifier: String) -> String {
        "\"\(identifier.replacingOccurrences(of: "\"", with: "\"\""))\""
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
