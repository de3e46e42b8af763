public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore {
    public func routingSettings() async throws -> RoutingSettings {
        try await pool.read { db in try Self.readRoutingSettings(db) }
    }

    public func saveRoutingSettings(_ settings: RoutingSettings) async throws {
        let words = String(decoding: try JSONEncoder().encode(settings.escalationWords), as: UTF8.self)
        let escalation = EscalationWords(settings.escalationWords)
        let memory = ingestSettings
        try await pool.write { db in
            memory.replace(escalation, whenCommitted: db)
            try db.cachedExecute(
                sql: """
                    INSERT INTO routing_settings (id, strategy, sticky, escalation_words) VALUES (1, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET strategy = excluded.strategy, sticky = excluded.sticky,
                        escalation_words = excluded.escalation_words
                    """,
                arguments: [settings.defaultRouting.strategy.rawValue, settings.defaultRouting.sticky, words]
            )
        }
    }

    public func departments() async throws -> [DepartmentRouting] {
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT id FROM departments ORDER BY name").compactMap { row in
                try Self.readDepartment(db, DepartmentID(row["id"]))
            }
        }
    }

    public func createDepartment(name: String, routing: QueueRouting) async throws -> DepartmentRouting {
        try await pool.write { db in
            try Self.mapConstraint("department '\(name)'") {
                try db.cachedExecute(
                    sql: "INSERT INTO departments (name, strategy, sticky) VALUES (?, ?, ?)",
                    arguments: [name, routing.strategy.rawValue, routing.sticky]
                )
            }
            return DepartmentRouting(department: Department(id: DepartmentID(db.lastInsertedRowID), name: name), routing: routing)
        }
    }

    public func updateDepartment(_ id: DepartmentID, name: String?, routing: QueueRouting?) async throws -> DepartmentRouting {
        try await pool.write { db in
            guard var current = try Self.readDepartment(db, id) else { throw StoreError.notFound("department \(id)") }
            current.department.name = name ?? current.department.name
            current.routing = routing ?? current.routing
            try Self.mapConstraint("department '\(current.department.name)'") {
                try db.cachedExecute(
                    sql: "UPDATE departments SET name = ?, strategy = ?, sticky = ? WHERE id = ?",
                    arguments: [current.department.name, current.routing.strategy.rawValue, current.routing.sticky, id.rawValue]
                )
            }
            return current
        }
    }

    public func updateOperatorRouting(
        _ id: OperatorID,
        maxConcurrent: Int?,
        departmentIDs: [DepartmentID]?
    ) async throws -> (Operator, [DepartmentID]) {
        try await pool.write { db in
            guard try db.cachedRow(sql: "SELECT 1 FROM operators WHERE id = ? AND active = 1", arguments: [id.rawValue]) != nil else {
                throw StoreError.notFound("operator \(id)")
            }
            try OperatorEdit(maxConcurrent: maxConcurrent, departmentIDs: departmentIDs).validate()
            if let maxConcurrent {
                try db.cachedExecute(sql: "UPDATE operators SET max_concurrent = ? WHERE id = ?", arguments: [maxConcurrent, id.rawValue])
            }
            if let departmentIDs { try Self.writeDepartments(db, of: id, departmentIDs) }
            guard let account = try Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            return (account.operator, account.departmentIDs)
        }
    }

    public func channelRouting(_ id: ChannelID) async throws -> ChannelRouting {
        try await pool.read { db in
            guard
                let row = try db.cachedRow(
                    sql: "SELECT default_department_id, ask_department, answers_every_group_message FROM channels WHERE id = ?",
                    arguments: [id.rawValue]
                )
            else { throw StoreError.notFound("channel \(id)") }
            return ChannelRouting(
                channelID: id,
                defaultDepartmentID: (row["default_department_id"] as Int64?).map(DepartmentID.init),
                askDepartment: row["ask_department"],
                answersEveryGroupMessage: row["answers_every_group_message"]
            )
        }
    }

    public func saveChannelRouting(_ routing: ChannelRouting) async throws {
        try await pool.write { db in
            try Self.mapConstraint("channel \(routing.channelID)") {
                try db.cachedExecute(
                    sql: "UPDATE channels SET default_department_id = ?, ask_department = ?, answers_every_group_message = ? WHERE id = ?",
                    arguments: [
                        routing.defaultDepartmentID?.rawValue, routing.askDepartment, routing.answersEveryGroupMessage, routing.channelID.rawValue,
                    ]
                )
            }
            guard db.changesCount > 0 else { throw StoreError.notFound("channel \(routing.channelID)") }
        }
    }

    /// The saved settings, or the defaults before an admin saved any.
    static func readRoutingSettings(_ db: Database) throws -> RoutingSettings {
        guard let row = try db.cachedRow(sql: "SELECT * FROM routing_settings WHERE id = 1") else { return RoutingSettings() }
        let words: String = row["escalation_words"]
        return RoutingSettings(
            defaultRouting: QueueRouting(strategy: try RowDecoding.enumValue(row, "strategy"), sticky: row["sticky"]),
            escalationWords: try JSONDecoder().decode([String].self, from: Data(words.utf8))
        )
    }

    static func readDepartment(_ db: Database, _ id: DepartmentID) throws -> DepartmentRouting? {
        guard let row = try db.cachedRow(sql: "SELECT * FROM departments WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let members = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT operator_id FROM operator_departments WHERE department_id = ? ORDER BY operator_id"),
            arguments: [id.rawValue]
        )
        return DepartmentRouting(
            department: Department(id: id, name: row["name"]),
            routing: QueueRouting(strategy: try RowDecoding.enumValue(row, "strategy"), sticky: row["sticky"]),
            operatorIDs: members.map(OperatorID.init)
        )
    }
}
