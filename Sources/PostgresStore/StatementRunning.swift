import Logging
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement to its end, rows and all, and throws the server's error if it failed.
    ///
    /// `query` returns as soon as the server describes the result, before the statement has run
    /// (for `pg_advisory_lock`, before the lock is held); an error after that point, a
    /// `statement_timeout` for one, reaches only a caller that reads the rows.
    func run(_ statement: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await query(statement, logger: logger) {}
    }
}
