public import Foundation
import GRDB

/// A SQLite database file read table by table, for `copy-database`: which tables to copy in which
/// order, and their rows exactly as SQLite stored them.
///
/// The file is opened read-only and never migrated: the copy must leave the source as the admin
/// had it. So instead of migrating, opening refuses a file this build did not fully migrate, whose
/// tables would not match the PostgreSQL schema of the same build.
public final class SQLiteTableDump: Sendable {
    /// The file, for messages.
    public let path: String
    /// The migration identifiers the file has recorded: every one this build knows, no other.
    public let migrations: Set<String>
    private let queue: DatabaseQueue

    /// Opens `path` read-only and checks that it is a database this build migrated completely.
    /// - Throws: `SQLiteDumpError` when the file is missing, not fully migrated or migrated by a
    ///   newer build; SQLite's error when it is not a database.
    public init(path: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw SQLiteDumpError.missing(path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        do {
            let applied = try await queue.read { db in try SQLiteMigrations.migrator.appliedIdentifiers(db) }
            let known = SQLiteMigrations.all.map(\.identifier)
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw SQLiteDumpError.newer(path: path, unknown: unknown.sorted()) }
            let missing = known.filter { !applied.contains($0) }
            guard missing.isEmpty else { throw SQLiteDumpError.notMigrated(path: path, missing: missing) }
            self.migrations = applied
        } catch {
            try? queue.close()
            throw error
        }
        self.path = path
        self.queue = queue
    }

    /// Closes the file; the value must not be used afterwards.
    public func close() throws {
        try queue.close()
    }

    /// The tables to copy, each after the tables its foreign keys point to, so a target that checks
    /// every foreign key at once accepts them in this order.
    ///
    /// Left out: SQLite's own tables (`sqlite_*`), the migrations table (each engine records its
    /// own), and full-text indexes with their shadow tables (any name containing `_fts`, and any
    /// virtual table), which the target builds from the copied rows itself.
    /// - Throws: `SQLiteDumpError.foreignKeyCycle` when foreign keys between tables form a cycle.
    public func tables() async throws -> [SQLiteDumpTable] {
        try await queue.read { db in
            let names = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
            .filter { name in !name.hasPrefix("sqlite_") && !name.contains("_fts") && name != "grdb_migrations" }
            let floors = try Self.autoincrementFloors(db)
            var tables: [String: SQLiteDumpTable] = [:]
            var dependencies: [String: Set<String>] = [:]
            for name in names {
                let foreignKeys = try db.foreignKeys(on: name)
                dependencies[name] = Set(foreignKeys.map(\.destinationTable).filter { $0 != name && names.contains($0) })
                tables[name] = SQLiteDumpTable(
                    name: name,
                    columns: try db.columns(in: name).map(\.name),
                    primaryKey: try db.primaryKey(name).columns,
                    selfReferencingColumns: foreignKeys.filter { $0.destinationTable == name }.flatMap(\.originColumns),
                    autoincrementFloor: floors[name]
                )
            }
            return try Self.dependencyOrder(names, dependencies).compactMap { tables[$0] }
        }
    }

    /// Up to `limit` rows of `table` after `cursor` (from the start when nil), in primary key order
    /// (rowid order for a table without one), each row's values in `table.columns` order.
    ///
    /// Paging by key rather than by offset keeps every page as cheap as the first on big tables,
    /// and reads each page in a short transaction of its own.
    public func rows(of table: SQLiteDumpTable, after cursor: SQLiteDumpCursor?, limit: Int) async throws -> SQLiteDumpPage {
        let key = table.primaryKey.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        var sql = "SELECT \(key), \(columns) FROM \(table.name.quotedDatabaseIdentifier)"
        let after = cursor?.key ?? []
        if !after.isEmpty {
            sql += " WHERE (\(key)) > (\(Array(repeating: "?", count: after.count).joined(separator: ", ")))"
        }
        sql += " ORDER BY \(key) LIMIT \(max(1, limit))"
        let keyCount = table.primaryKey.count
        let (rows, lastKey) = try await queue.read { [sql] db in
            var rows: [[SQLiteDumpValue]] = []
            var lastKey: [DatabaseValue] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(after))
            while let row = try cursor.next() {
                let values = Array(row.databaseValues)
                lastKey = Array(values.prefix(keyCount))
                rows.append(values.dropFirst(keyCount).map(SQLiteDumpValue.init))
            }
            return (rows, lastKey)
        }
        return SQLiteDumpPage(rows: rows, next: rows.count < max(1, limit) ? nil : SQLiteDumpCursor(key: lastKey))
    }

    /// The number of rows in `table`, to check a copy against.
    public func count(_ table: SQLiteDumpTable) async throws -> Int {
        try await queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name.quotedDatabaseIdentifier)") ?? 0
        }
    }

    /// The last number AUTOINCREMENT handed out per table (`sqlite_sequence`); it can be above the
    /// highest id when the newest rows were deleted, and such numbers are never given out again.
    private static func autoincrementFloors(_ db: Database) throws -> [String: Int64] {
        guard try db.tableExists("sqlite_sequence") else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence")
        return Dictionary(rows.map { (row: Row) -> (String, Int64) in (row["name"], row["seq"]) }, uniquingKeysWith: max)
    }

    /// `names` ordered so each comes after its dependencies; ties in name order, for a stable report.
    private static func dependencyOrder(_ names: [String], _ dependencies: [String: Set<String>]) throws -> [String] {
        var ordered: [String] = []
        var placed: Set<String> = []
        var remaining = names
        while !remaining.isEmpty {
            let ready = remaining.filter { (dependencies[$0] ?? []).isSubset(of: placed) }
            guard !ready.isEmpty else { throw SQLiteDumpError.foreignKeyCycle(remaining) }
            ordered += ready
            placed.formUnion(ready)
            remaining.removeAll { placed.contains($0) }
        }
        return ordered
    }
}

/// A table `SQLiteTableDump` copies.
public struct SQLiteDumpTable: Sendable, Equatable {
    public let name: String
    /// Every column, in declaration order.
    public let columns: [String]
    /// The primary key's columns (`rowid` for a table without a declared one): the order rows are read in.
    public let primaryKey: [String]
    /// Columns with a foreign key to this same table, such as `contacts.merged_into`: a row may
    /// point to a later row, so no row order alone satisfies them.
    public let selfReferencingColumns: [String]
    /// The last number AUTOINCREMENT handed out; nil for a table without AUTOINCREMENT. A copy's
    /// sequence must continue after it, not after the highest id left, or deleted ids come back.
    public let autoincrementFloor: Int64?
}

/// A value as SQLite stored it: its storage class and contents, whatever type the column declares
/// (SQLite keeps an integer in a REAL column, or text in an INTEGER one, as it was written).
public enum SQLiteDumpValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .double(let real): self = .real(real)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }
}

/// Rows of one table read by `SQLiteTableDump.rows(of:after:limit:)`.
public struct SQLiteDumpPage: Sendable {
    /// The rows, each with its values in the table's column order.
    public let rows: [[SQLiteDumpValue]]
    /// Where the next page starts; nil when this page was the last.
    public let next: SQLiteDumpCursor?
}

/// Where the next page of a table starts: the primary key of the last row read.
public struct SQLiteDumpCursor: Sendable {
    let key: [DatabaseValue]
}

/// Why a SQLite file cannot be copied.
public enum SQLiteDumpError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case notMigrated(path: String, missing: [String])
    case newer(path: String, unknown: [String])
    case foreignKeyCycle([String])

    public var description: String {
        switch self {
        case .missing(let path):
            "no SQLite database at \(path)"
        case .notMigrated(let path, let missing):
            "\(path) lacks migrations of this Switchboard (\(missing.joined(separator: ", "))); "
                + "run `switchboard migrate --database \(path)` with this version first"
        case .newer(let path, let unknown):
            "\(path) was migrated by a newer Switchboard (\(unknown.joined(separator: ", "))); copy it with that version"
        case .foreignKeyCycle(let tables):
            "the foreign keys of \(tables.joined(separator: ", ")) form a cycle, so no table order can copy them"
        }
    }
}
