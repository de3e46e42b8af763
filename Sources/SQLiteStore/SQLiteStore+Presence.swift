public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: RoutingStore {
    public func setPresence(
        _ operatorID: OperatorID,
        to status: PresenceStatus,
        reason: PresenceChangeReason,
        at now: Date
    ) async throws -> (Operator, [Event]) {
        try await pool.write { db in
            guard let row = try db.cachedRow(sql: "SELECT * FROM operators WHERE id = ? AND active = 1", arguments: [operatorID.rawValue]) else {
                throw StoreError.notFound("operator \(operatorID)")
            }
            var value = try RowDecoding.operatorValue(row)
            // Setting a status counts as activity, so a fresh "online" does not time out at once.
            try db.cachedExecute(
                sql: "UPDATE operators SET last_seen_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, operatorID.rawValue]
            )
            guard value.status != status else { return (value, []) }
            var events = EventAppender(db)
            try Self.changePresence(db, &value, to: status, reason: reason, at: now, events: &events)
            return (value, events.appended)
        }
    }

    public func recordActivity(_ operatorID: OperatorID, at now: Date) async throws {
        try await pool.write { db in
            try db.cachedExecute(
                sql: "UPDATE operators SET last_seen_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, operatorID.rawValue]
            )
        }
    }

    public func expirePresence(notSeenSince cutoff: Date, at now: Date) async throws -> [Event] {
        try await pool.write { db in
            let rows = try db.cachedRows(
                sql: "SELECT * FROM operators WHERE active = 1 AND status != 'offline' AND COALESCE(last_seen_at, 0) <= ? ORDER BY id",
                arguments: [cutoff.timeIntervalSince1970]
            )
            var events = EventAppender(db)
            for row in rows {
                var value = try RowDecoding.operatorValue(row)
                try Self.changePresence(db, &value, to: .offline, reason: .timeout, at: now, events: &events)
            }
            return events.appended
        }
    }

    public func oldestActivityOfPresentOperators() async throws -> Date? {
        try await pool.read { db in
            try db.cachedValue(
                Double.self,
                sql: "SELECT MIN(COALESCE(last_seen_at, 0)) FROM operators WHERE active = 1 AND status != 'offline'"
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func presenceLog(of operatorID: OperatorID) async throws -> [PresenceLogEntry] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT * FROM presence_log WHERE operator_id = ? ORDER BY id", arguments: [operatorID.rawValue]).map { row in
                PresenceLogEntry(
                    operatorID: OperatorID(row["operator_id"]),
                    status: try RowDecoding.enumValue(row, "status"),
                    at: RowDecoding.date(row, "at"),
                    reason: try RowDecoding.enumValue(row, "reason")
                )
            }
        }
    }

    /// Writes the new status, its presence-log row and its event.
    static func changePresence(
        _ db: Database,
        _ value: inout Operator,
        to status: PresenceStatus,
        reason: PresenceChangeReason,
        at now: Date,
        events: inout EventAppender
    ) throws {
        let previous = value.status
        value.status = status
        try db.cachedExecute(sql: "UPDATE operators SET status = ? WHERE id = ?", arguments: [status.rawValue, value.id.rawValue])
        try db.cachedExecute(
            sql: "INSERT INTO presence_log (operator_id, status, at, reason) VALUES (?, ?, ?, ?)",
            arguments: [value.id.rawValue, status.rawValue, now.timeIntervalSince1970, reason.rawValue]
        )
        let payload = PresencePayload(operatorID: value.id, status: status, previous: previous, reason: reason)
        try events.append(.operatorPresenceChanged, at: now, payload: payload)
    }
}
