import Foundation
import Logging
import PostgresNIO

/// One connection inside one transaction, with the statement helpers the store's SQL is written
/// against: SQLite-style `?` placeholders, rows read by column name.
///
/// Every call sends one statement; PostgreSQL's extended protocol does not take several at once.
struct Session: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and returns every row.
    func rows(sql: String, arguments: [any SQLArgument] = []) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
            rows.append(SQLRow(row))
        }
        return rows
    }

    /// Runs a statement and returns its first row, if any.
    func row(sql: String, arguments: [any SQLArgument] = []) async throws -> SQLRow? {
        try await rows(sql: sql, arguments: arguments).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<Value: SQLColumnValue>(_ type: Value.Type, sql: String, arguments: [any SQLArgument] = []) async throws -> Value? {
        guard let row = try await row(sql: sql, arguments: arguments) else { return nil }
        let value: Value? = try row[at: 0]
        return value
    }

    /// The first column of every row, NULLs left out.
    func values<Value: SQLColumnValue>(_ type: Value.Type, sql: String, arguments: [any SQLArgument] = []) async throws -> [Value] {
        try await rows(sql: sql, arguments: arguments).compactMap { row in
            let value: Value? = try row[at: 0]
            return value
        }
    }

    /// Runs a statement to its end (rows, if any, are read and dropped, so its errors surface here).
    func execute(sql: String, arguments: [any SQLArgument] = []) async throws {
        for try await _ in try await connection.query(Self.query(sql, arguments), logger: logger) {}
    }

    /// Runs an `INSERT`, `UPDATE` or `DELETE` and returns how many rows it touched (GRDB's `changesCount`).
    func changes(sql: String, arguments: [any SQLArgument] = []) async throws -> Int {
        try await rows(sql: sql + " RETURNING 1", arguments: arguments).count
    }

    /// Runs an `INSERT` into a table with an `id` identity column and returns the new row's id
    /// (GRDB's `lastInsertedRowID`).
    func insert(sql: String, arguments: [any SQLArgument] = []) async throws -> Int64 {
        guard let id = try await value(Int64.self, sql: sql + " RETURNING id", arguments: arguments) else {
            throw PostgresStoreError("the insert returned no id: \(sql.prefix(60))")
        }
        return id
    }

    /// Runs `body` in a savepoint: its writes are undone if it throws, and the transaction goes on
    /// (a failed statement otherwise aborts the whole PostgreSQL transaction).
    func inSavepoint<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await execute(sql: "SAVEPOINT step")
        do {
            let result = try await body()
            try await execute(sql: "RELEASE SAVEPOINT step")
            return result
        } catch {
            try await execute(sql: "ROLLBACK TO SAVEPOINT step")
            try await execute(sql: "RELEASE SAVEPOINT step")
            throw error
        }
    }

    static func query(_ sql: String, _ arguments: [any SQLArgument]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.bind(into: &bindings) }
        return PostgresQuery(unsafeSQL: Placeholders.numbered(sql), binds: bindings)
    }
}

/// Something the PostgreSQL store cannot do with what the database gave it.
struct PostgresStoreError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
