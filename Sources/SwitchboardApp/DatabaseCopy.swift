public import Logging
import PostgresStore
import SQLiteStore

/// `switchboard copy-database`: moves a desk from its SQLite file to a PostgreSQL database, once,
/// while Switchboard is stopped.
///
/// Every table both databases have is copied row for row, ids included, in one PostgreSQL
/// transaction: a failure anywhere (a refused row, counts that differ at the end) rolls it all
/// back, so the target is either a complete copy or as empty as before and the copy can simply be
/// run again. The source is only read.
public enum DatabaseCopy {
    /// How many rows one table received.
    public struct TableReport: Sendable, Equatable {
        public let table: String
        public let rows: Int
    }

    /// A finished copy.
    public struct Report: Sendable, Equatable {
        /// The SQLite file.
        public let source: String
        /// The PostgreSQL database, without its password.
        public let target: String
        /// Every copied table, by name.
        public let tables: [TableReport]

        /// Rows copied in all.
        public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    }

    /// Why nothing was copied, said for an admin; it never contains a password or a row's values.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Copies the SQLite file at `source` into the PostgreSQL database `target` names, after
    /// migrating that database so its tables exist.
    /// - Parameters:
    ///   - source: a SQLite file this build migrated completely; it is opened read-only.
    ///   - target: a `postgres://` or `postgresql://` URL of a database with no rows yet.
    ///   - parametersPerStatement: how many values one `INSERT` carries at most; nil for the
    ///     default, which keeps statements well under PostgreSQL's limit. Fewer make more statements.
    /// - Returns: the rows each table received, equal to the rows it has in the source.
    /// - Throws: `Failure` when either database cannot be used, the target has rows, a value does
    ///   not fit its column, or the counts differ afterwards; then the target has no copied rows.
    public static func run(
        from source: String,
        to target: String,
        parametersPerStatement: Int? = nil,
        logger: Logger
    ) async throws -> Report {
        let location: PostgresLocation
        do {
            location = try PostgresLocation(url: target)
        } catch {
            throw Failure(description: error.description)
        }
        let dump: SQLiteTableDump
        do {
            dump = try await SQLiteTableDump(path: source)
        } catch let error as SQLiteDumpError {
            throw Failure(description: error.description)
        } catch {
            throw Failure(description: "\(source) cannot be read as a SQLite database: \(error)")
        }
        defer { try? dump.close() }
        let pool: PostgresPool
        do {
            pool = try PostgresPool(location, poolSize: 2, logger: logger)
        } catch {
            throw Failure(description: "\(location.description) cannot be opened: \(error)")
        }
        do {
            let load = parametersPerStatement.map { PostgresTableLoad(pool, parametersPerStatement: $0) } ?? PostgresTableLoad(pool)
            let tables = try await copy(dump, with: load, into: pool)
            await pool.close()
            return Report(source: source, target: location.description, tables: tables.sorted { $0.table < $1.table })
        } catch {
            await pool.close()
            throw explained(error, target: location)
        }
    }

    /// One table to copy: the source's and the target's description, and the columns both have.
    private struct Plan {
        let source: SQLiteDumpTable
        let target: PostgresLoadTable
        let columns: [String]
        /// Where each of `columns` sits in a source row.
        let positions: [Int]
    }

    private static func copy(_ dump: SQLiteTableDump, with load: PostgresTableLoad, into pool: PostgresPool) async throws -> [TableReport] {
        try await load.checkConnection()
        try await PostgresMigrator.migrate(pool)
        let targetMigrations = Set(try await PostgresMigrator.appliedIdentifiers(pool))
        guard targetMigrations == dump.migrations else {
            let onlyTarget = targetMigrations.subtracting(dump.migrations).sorted()
            let onlySource = dump.migrations.subtracting(targetMigrations).sorted()
            throw Failure(
                description: "the two schemas differ (only the target has \(onlyTarget), only the source has \(onlySource)); "
                    + "copy with the Switchboard version that migrated the source"
            )
        }
        let targets = try await load.tables()
        let plans = try await plans(for: try await dump.tables(), targets: targets, dump: dump)
        return try await load.inTransaction { writer in
            try await writer.requireEmpty(Array(targets.values))
            var reports: [TableReport] = []
            for plan in plans {
                let copied = try await copyRows(of: plan, from: dump, with: writer)
                try await writer.continueSequences(of: plan.target, after: plan.source.autoincrementFloor)
                reports.append(TableReport(table: plan.source.name, rows: copied))
            }
            for (plan, report) in zip(plans, reports) {
                let inSource = try await dump.count(plan.source)
                let inTarget = try await writer.count(plan.target)
                guard inSource == inTarget, inTarget == report.rows else {
                    throw Failure(
                        description: "\(report.table) has \(inSource) rows in the source but \(inTarget) in the target "
                            + "(\(report.rows) copied); nothing was copied"
                    )
                }
            }
            return reports
        }
    }

    /// Pairs each source table with its target table, in the source's foreign-key order.
    /// - Throws: `Failure` when a source table with rows has no target table, or the target needs a
    ///   column the source lacks.
    private static func plans(
        for sources: [SQLiteDumpTable],
        targets: [String: PostgresLoadTable],
        dump: SQLiteTableDump
    ) async throws -> [Plan] {
        var plans: [Plan] = []
        for source in sources {
            guard let target = targets[source.name] else {
                if try await dump.count(source) > 0 {
                    throw Failure(description: "\(source.name) has rows in the source but no table in the target")
                }
                continue
            }
            let missing = target.requiredColumns.filter { !source.columns.contains($0) }
            guard missing.isEmpty else {
                let columns = missing.joined(separator: ", ")
                throw Failure(description: "the target's \(source.name) requires \(columns), which the source lacks")
            }
            let shared = source.columns.enumerated().filter { target.column($0.element) != nil }
            plans.append(Plan(source: source, target: target, columns: shared.map(\.element), positions: shared.map(\.offset)))
        }
        return plans
    }

    /// Streams one table page by page, each page as large as one insert takes.
    private static func copyRows(of plan: Plan, from dump: SQLiteTableDump, with writer: PostgresTableWriter) async throws -> Int {
        var cursor: SQLiteDumpCursor?
        var finished = false
        let selfReferencing = plan.source.selfReferencingColumns
        return try await writer.copy(into: plan.target, columns: plan.columns, selfReferencing: selfReferencing) { limit in
            guard !finished else { return [] }
            let page = try await dump.rows(of: plan.source, after: cursor, limit: limit)
            cursor = page.next
            finished = page.next == nil
            return page.rows.map { row in plan.positions.map { PostgresLoadValue(row[$0]) } }
        }
    }

    /// `error` as a `Failure` whose text names what went wrong and no secret.
    private static func explained(_ error: any Error, target: PostgresLocation) -> Failure {
        switch error {
        case let failure as Failure: failure
        case let error as PostgresLoadError: Failure(description: error.description)
        case let error as SQLiteDumpError: Failure(description: error.description)
        default:
            if let reason = PostgresTableLoad.reason(error) {
                Failure(description: "PostgreSQL at \(target.description) failed: \(reason)")
            } else {
                Failure(description: "the copy failed: \(error)")
            }
        }
    }
}

extension PostgresLoadValue {
    /// The same value, as SQLite stored it.
    init(_ value: SQLiteDumpValue) {
        switch value {
        case .null: self = .null
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }
}
