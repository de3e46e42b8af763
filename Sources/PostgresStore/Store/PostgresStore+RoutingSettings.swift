import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func routingSettings() async throws -> RoutingSettings {
        try await read { db in try await Self.readRoutingSettings(db) }
    }

    /// Saves the settings. Nothing is kept in memory: another instance of the cluster may save them
    /// too, so whoever needs them (ingest's escalation words) reads them from the database.
    public func saveRoutingSettings(_ settings: RoutingSettings) async throws {
        let words = String(decoding: try JSONEncoder().encode(settings.escalationWords), as: UTF8.self)
        try await write { db in
            try await db.execute(
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
        try await read { db in
            var departments: [DepartmentRouting] = []
            for id in try await db.values(Int64.self, sql: "SELECT id FROM departments ORDER BY name") {
                if let department = try await Self.readDepartment(db, DepartmentID(id)) { departments.append(department) }
            }
            return departments
        }
    }

    public func createDepartment(name: String, routing: QueueRouting) async throws -> DepartmentRouting {
        try await write { db in
            let id = try await Self.mapConstraint("department '\(name)'") {
                try await db.insert(
                    sql: "INSERT INTO departments (name, strategy, sticky) VALUES (?, ?, ?)",
                    arguments: [name, routing.strategy.rawValue, routing.sticky]
                )
            }
            return DepartmentRouting(department: Department(id: DepartmentID(id), name: name), routing: routing)
        }
    }

    public func updateDepartment(_ id: DepartmentID, name: String?, routing: QueueRouting?) async throws -> DepartmentRouting {
        try await write { db in
            guard var current = try await Self.readDepartment(db, id) else { throw StoreError.notFound("department \(id)") }
            current.department.name = name ?? current.department.name
            current.routing = routing ?? current.routing
            let updated = current
            try await Self.mapConstraint("department '\(updated.department.name)'") {
                try await db.execute(
                    sql: "UPDATE departments SET name = ?, strategy = ?, sticky = ? WHERE id = ?",
                    arguments: [updated.department.name, updated.routing.strategy.rawValue, updated.routing.sticky, id.rawValue]
                )
            }
            return updated
        }
    }

    public func updateOperatorRouting(
        _ id: OperatorID,
        maxConcurrent: Int?,
        departmentIDs: [DepartmentID]?
    ) async throws -> (Operator, [DepartmentID]) {
        try await write { db in
            guard try await db.row(sql: "SELECT 1 FROM operators WHERE id = ? AND active = 1", arguments: [id.rawValue]) != nil else {
                throw StoreError.notFound("operator \(id)")
            }
            try OperatorEdit(maxConcurrent: maxConcurrent, departmentIDs: departmentIDs).validate()
            if let maxConcurrent {
                try await db.execute(sql: "UPDATE operators SET max_concurrent = ? WHERE id = ?", arguments: [maxConcurrent, id.rawValue])
            }
            if let departmentIDs { try await Self.writeDepartments(db, of: id, departmentIDs) }
            guard let account = try await Self.readAccount(db, id) else { throw StoreError.notFound("operator \(id)") }
            return (account.operator, account.departmentIDs)
        }
    }

    public func channelRouting(_ id: ChannelID) async throws -> ChannelRouting {
        try await read { db in
            guard
                let row = try await db.row(
                    sql: "SELECT default_department_id, ask_department, answers_every_group_message FROM channels WHERE id = ?",
                    arguments: [id.rawValue]
                )
            else { throw StoreError.notFound("channel \(id)") }
            return ChannelRouting(
                channelID: id,
                defaultDepartmentID: (try row["default_department_id"] as Int64?).map(DepartmentID.init),
                askDepartment: try row["ask_department"],
                answersEveryGroupMessage: try row["answers_every_group_message"]
            )
        }
    }

    public func saveChannelRouting(_ routing: ChannelRouting) async throws {
        try await write { db in
            let changed = try await Self.mapConstraint("channel \(routing.channelID)") {
                try await db.changes(
                    sql: "UPDATE channels SET default_department_id = ?, ask_department = ?, answers_every_group_message = ? WHERE id = ?",
                    arguments: [
                        routing.defaultDepartmentID?.rawValue, routing.askDepartment, routing.answersEveryGroupMessage,
                        routing.channelID.rawValue,
                    ]
                )
            }
            guard changed > 0 else { throw StoreError.notFound("channel \(routing.channelID)") }
        }
    }

    /// The saved settings, or the defaults before an admin saved any.
    static func readRoutingSettings(_ db: Session) async throws -> RoutingSettings {
        guard let row = try await db.row(sql: "SELECT * FROM routing_settings WHERE id = 1") else { return RoutingSettings() }
        let words: String = try row["escalation_words"]
        return RoutingSettings(
            defaultRouting: QueueRouting(strategy: try RowDecoding.enumValue(row, "strategy"), sticky: try row["sticky"]),
            escalationWords: try JSONDecoder().decode([String].self, from: Data(words.utf8))
        )
    }

    static func readDepartment(_ db: Session, _ id: DepartmentID) async throws -> DepartmentRouting? {
        guard let row = try await db.row(sql: "SELECT * FROM departments WHERE id = ?", arguments: [id.rawValue]) else { return nil }
        let members = try await db.values(
            Int64.self,
            sql: "SELECT operator_id FROM operator_departments WHERE department_id = ? ORDER BY operator_id",
            arguments: [id.rawValue]
        )
        return DepartmentRouting(
            department: Department(id: id, name: try row["name"]),
            routing: QueueRouting(strategy: try RowDecoding.enumValue(row, "strategy"), sticky: try row["sticky"]),
            operatorIDs: members.map(OperatorID.init)
        )
    }
}
