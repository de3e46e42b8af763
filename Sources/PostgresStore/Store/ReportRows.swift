import Foundation

/// Walks a query's rows through a server-side cursor, a batch at a time, and reads their columns by
/// position. The reports' replay reads a year's million rows and walks several queries side by side
/// on one connection: a cursor per query keeps memory to one batch each, where reading each result
/// whole would hold the year. The cursor lives until the transaction ends (`WITHOUT HOLD`), so
/// leaving a walk early needs no cleanup.
final class ReportRows {
    /// Rows fetched per round trip.
    static let batchSize = 10_000

    private let db: Session
    private let cursor: String
    private var batch: [SQLRow] = []
    private var index = 0
    private var exhausted = false

    /// Declares the cursor of `sql` with its arguments.
    init(_ db: Session, sql: String, arguments: [any SQLArgument]) async throws {
        self.db = db
        // Unique in the transaction: several walks may be open at once.
        cursor = "report_rows_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await db.execute(sql: "DECLARE \(cursor) NO SCROLL CURSOR FOR " + sql, arguments: arguments)
    }

    /// Moves to the next row; false after the last one.
    func next() async throws -> Bool {
        index += 1
        if index < batch.count { return true }
        if exhausted { return false }
        batch = try await db.rows(sql: "FETCH FORWARD \(Self.batchSize) FROM \(cursor)")
        index = 0
        exhausted = batch.count < Self.batchSize
        return !batch.isEmpty
    }

    private var row: SQLRow {
        get throws {
            guard index < batch.count else { throw PostgresStoreError("a report row was read past the last one") }
            return batch[index]
        }
    }

    func int64(_ column: Int) throws -> Int64 { try row[at: column] }

    func double(_ column: Int) throws -> Double { try row[at: column] }

    /// An integer column that may be NULL.
    func optionalInt64(_ column: Int) throws -> Int64? { try row[at: column] }

    /// A text column that may be NULL.
    func text(_ column: Int) throws -> String? { try row[at: column] }
}
