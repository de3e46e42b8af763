public import Foundation
import Logging
import PostgresNIO

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
