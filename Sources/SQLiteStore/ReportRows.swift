import GRDB
import GRDBSQLite

/// Steps a cached statement and reads its columns by position straight from SQLite. The reports'
/// replay reads a year's million rows of numbers; decoding them through `Row` took a quarter of its
/// time in profiles. A class so that it resets its statement (ending the read) however it is left.
final class ReportRows {
    private let statement: Statement
    private let handle: SQLiteStatement

    /// Prepares (or reuses) the statement of `sql` with its arguments.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        handle = statement.sqliteStatement
    }

    deinit { sqlite3_reset(handle) }

    /// Moves to the next row; false after the last one.
    func next() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
            sql: statement.sql
        )
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// An integer column that may be NULL.
    func optionalInt64(_ column: Int32) -> Int64? { sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : int64(column) }

    /// A text column that may be NULL.
    func text(_ column: Int32) -> String? { sqlite3_column_text(handle, column).map { String(cString: $0) } }
}
