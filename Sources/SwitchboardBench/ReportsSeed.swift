import Foundation
import GRDB

/// Writes a synthetic year of support history straight into a migrated database file: one
/// transaction, prepared statements, deterministic pseudo-random times. The shape follows the
/// real writers (events with the same kinds and payload keys the store appends).
struct ReportsSeed {
    let conversations: Int
    let messagesPerConversation: Int
    let operators: Int
    let departments: Int
    /// First moment of the seeded year.
    let start: Double
    let days: Int

    /// A small linear congruential generator: the same history on every run.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Rows written per table.
    func write(path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        var counts: [String: Int] = [:]
        try queue.inTransaction { db in
            try seedPeople(db)
            let written = try seedConversations(db)
            counts = written
            counts["presence_log"] = try seedPresence(db)
            return .commit
        }
        return counts
    }

    /// Rows a previous run wrote, per table (the same keys as `write`).
    func counts(path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["conversations", "messages", "events", "conversation_feedback", "presence_log"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    private func seedPeople(_ db: Database) throws {
        for index in 1...departments {
            try db.execute(sql: "INSERT INTO departments (name) VALUES (?)", arguments: ["Department \(index)"])
        }
        let person = try db.makeStatement(
            sql: "INSERT INTO operators (login, display_name, role, created_at) VALUES (?, ?, 'operator', ?)"
        )
        let membership = try db.makeStatement(sql: "INSERT INTO operator_departments (operator_id, department_id) VALUES (?, ?)")
        for index in 1...operators {
            try person.execute(arguments: ["op\(index)", "Operator \(index)", start])
            try membership.execute(arguments: [db.lastInsertedRowID, index % departments + 1])
        }
    }

    private func seedPresence(_ db: Database) throws -> Int {
        let insert = try db.makeStatement(sql: "INSERT INTO presence_log (operator_id, status, at, reason) VALUES (?, ?, ?, 'manual')")
        var rows = 0
        for day in 0..<days {
            for person in 1...operators {
                let morning = start + Double(day) * 86_400 + 7 * 3600 + Double(person * 60)
                for (status, offset) in [("online", 0.0), ("away", 4 * 3600.0), ("online", 4.5 * 3600), ("offline", 9 * 3600.0)] {
                    try insert.execute(arguments: [person, status, morning + offset])
                    rows += 1
                }
            }
        }
        return rows
    }

    /// Conversations with alternating client messages and operator replies, about one in ten reopened
    /// once, one in twenty never answered, and feedback on a third of them.
    private func seedConversations(_ db: Database) throws -> [String: Int] {
        let contact = try db.makeStatement(sql: "INSERT INTO contacts (display_name, created_at) VALUES (?, ?)")
        let identity = try db.makeStatement(
            sql: "INSERT INTO identities (contact_id, channel_id, external_id, created_at) VALUES (?, 1, ?, ?)"
        )
        let conversation = try db.makeStatement(
            sql: """
                INSERT INTO conversations (contact_id, channel_id, identity_id, status, assignee_id, department_id, opened_at,
                                           first_response_at, resolved_at, last_message_at)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let message = try db.makeStatement(
            sql: """
                INSERT INTO messages (conversation_id, channel_id, direction, author_kind, author_operator_id, text, delivery_state, created_at)
                VALUES (?, 1, ?, ?, ?, 'm', ?, ?)
                """
        )
        let event = try db.makeStatement(
            sql: "INSERT INTO events (kind, occurred_at, contact_id, conversation_id, message_id, payload) VALUES (?, ?, ?, ?, ?, ?)"
        )
        let feedback = try db.makeStatement(
            sql: """
                INSERT INTO conversation_feedback (conversation_id, stage, resolved, score, comment, asked_at, updated_at)
                VALUES (?, 'done', ?, ?, ?, ?, ?)
                """
        )
        var random = Random(state: 42)
        var counts = ["conversations": 0, "messages": 0, "events": 0, "conversation_feedback": 0]
        let spacing = Double(days * 86_400) / Double(conversations)
        for index in 0..<conversations {
            let opened = start + Double(index) * spacing + Double(random.next(Int(spacing)))
            try contact.execute(arguments: ["Client \(index)", opened])
            let contactID = db.lastInsertedRowID
            try identity.execute(arguments: [contactID, "user-\(index)", opened])
            let identityID = db.lastInsertedRowID
            let holder = Int64(random.next(operators) + 1)
            let reopens = random.next(10) == 0
            let unanswered = random.next(20) == 0
            // Times of the messages: client first, then alternating, a few minutes apart.
            var time = opened
            var plan: [(direction: String, at: Double)] = []
            for turn in 0..<messagesPerConversation {
                let client = turn % 2 == 0 || unanswered
                plan.append((client ? "in" : "out", time))
                time += Double(60 + random.next(client ? 900 : 300))
            }
            let assignedAt = opened + Double(10 + random.next(300))
            let resolvedAt = time + 600
            try conversation.execute(arguments: [
                contactID, identityID, "resolved", unanswered ? nil : holder, index % (departments + 1) == 0 ? nil : index % departments + 1,
                opened, unanswered ? nil : plan[1].at, resolvedAt, plan.last?.at ?? opened,
            ])
            let conversationID = db.lastInsertedRowID
            counts["conversations", default: 0] += 1
            func append(_ kind: String, _ at: Double, _ payload: String, message: Int64? = nil) throws {
                try event.execute(arguments: [kind, at, contactID, conversationID, message, payload])
                counts["events", default: 0] += 1
            }
            try append("conversation.opened", opened, "{}")
            if !unanswered { try append("conversation.assigned", assignedAt, "{\"to\":\(holder)}") }
            for (position, entry) in plan.enumerated() {
                if reopens && position == plan.count / 2 {
                    try append("conversation.status_changed", entry.at - 120, "{\"reopened\":false,\"to\":\"resolved\"}")
                    try append("conversation.status_changed", entry.at, "{\"reopened\":true,\"to\":\"open\"}")
                }
                let out = entry.direction == "out"
                try message.execute(arguments: [
                    conversationID, entry.direction, out ? "operator" : "client", out ? holder : nil, out ? "sent" : nil, entry.at,
                ])
                counts["messages", default: 0] += 1
                try append("message.created", entry.at, "{}", message: db.lastInsertedRowID)
            }
            try append("conversation.status_changed", resolvedAt, "{\"reopened\":false,\"to\":\"resolved\"}")
            if random.next(3) == 0 {
                let score = random.next(5) + 1
                try feedback.execute(arguments: [conversationID, random.next(4) > 0, score, score < 3 ? "slow" : nil, resolvedAt, resolvedAt + 60])
                counts["conversation_feedback", default: 0] += 1
            }
        }
        return counts
    }
}
