public import Foundation
public import SwitchboardCore

extension PostgresStore: RoutingStore {
    public func setPresence(
        _ operatorID: OperatorID,
        to status: PresenceStatus,
        reason: PresenceChangeReason,
        at now: Date
    ) async throws -> (Operator, [Event]) {
        try await write { db in
            guard let row = try await db.row(sql: "SELECT * FROM operators WHERE id = ? AND active = 1", arguments: [operatorID.rawValue])
            else {
                throw StoreError.notFound("operator \(operatorID)")
            }
            let current = try RowDecoding.operatorValue(row)
            // Setting a status counts as activity, so a fresh "online" does not time out at once.
            try await db.execute(
                sql: "UPDATE operators SET last_seen_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, operatorID.rawValue]
            )
            guard let update = PresenceUpdate.decide(current, to: status, reason: reason, at: now) else { return (current, []) }
            var events = EventAppender(db)
            try await Self.writePresence(update, db)
            try await events.append([update.event])
            return (update.operatorAfter, events.appended)
        }
    }

    public func recordActivity(_ operatorID: OperatorID, at now: Date) async throws {
        try await write { db in
            try await db.execute(
                sql: "UPDATE operators SET last_seen_at = ? WHERE id = ?",
                arguments: [now.timeIntervalSince1970, operatorID.rawValue]
            )
        }
    }

    public func expirePresence(notSeenSince cutoff: Date, at now: Date) async throws -> [Event] {
        try await write { db in
            let rows = try await db.rows(
                sql: "SELECT * FROM operators WHERE active = 1 AND status != 'offline' AND COALESCE(last_seen_at, 0) <= ? ORDER BY id",
                arguments: [cutoff.timeIntervalSince1970]
            )
            var events = EventAppender(db)
            for row in rows {
                guard let update = PresenceUpdate.decide(try RowDecoding.operatorValue(row), to: .offline, reason: .timeout, at: now) else {
                    continue
                }
                try await Self.writePresence(update, db)
                try await events.append([update.event])
            }
            return events.appended
        }
    }

    public func oldestActivityOfPresentOperators() async throws -> Date? {
        try await read { db in
            try await db.value(
                Double.self,
                sql: "SELECT MIN(COALESCE(last_seen_at, 0)) FROM operators WHERE active = 1 AND status != 'offline'"
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func presenceLog(of operatorID: OperatorID) async throws -> [PresenceLogEntry] {
        try await read { db in
            try await db.rows(sql: "SELECT * FROM presence_log WHERE operator_id = ? ORDER BY id", arguments: [operatorID.rawValue]).map {
                row in
                PresenceLogEntry(
                    operatorID: OperatorID(try row["operator_id"]),
                    status: try RowDecoding.enumValue(row, "status"),
                    at: try RowDecoding.date(row, "at"),
                    reason: try RowDecoding.enumValue(row, "reason")
                )
            }
        }
    }

    /// Writes a decided presence change's rows: the status and its log row.
    static func writePresence(_ update: PresenceUpdate, _ db: Session) async throws {
        try await db.execute(
            sql: "UPDATE operators SET status = ? WHERE id = ?",
            arguments: [update.log.status.rawValue, update.log.operatorID.rawValue]
        )
        try await db.execute(
            sql: "INSERT INTO presence_log (operator_id, status, at, reason) VALUES (?, ?, ?, ?)",
            arguments: [
                update.log.operatorID.rawValue, update.log.status.rawValue, update.log.at.timeIntervalSince1970, update.log.reason.rawValue,
            ]
        )
    }
}
