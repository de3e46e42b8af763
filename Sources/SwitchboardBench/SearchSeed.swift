import Foundation
import GRDB

/// Writes a synthetic support history for the search benchmark straight into a migrated database:
/// one transaction, prepared statements, the store's own full-text triggers. Conversations of ten
/// messages (client, operator, now and then a private note) spread over a year, contacts with real
/// first and last names, phones and usernames, two channels, four departments, labels.
struct SearchSeed {
    let messages: Int
    /// First moment of the seeded year.
    let start: Double
    static let operators = 20
    static let departments = 4
    static let messagesPerConversation = 10

    static let firstNames = [
        "Olena", "Taras", "Iryna", "Andrii", "Maria", "Oleh", "Natalia", "Dmytro", "Sofia", "Yurii", "Anna", "Petro",
        "Kateryna", "Ivan", "Oksana", "Serhii", "Halyna", "Mykola", "Lesia", "Bohdan", "Julia", "Roman", "Vira", "Max",
    ]
    static let lastNames = [
        "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval", "Oliinyk",
        "Lysenko", "Moroz", "Marchenko", "Savchenko", "Rudenko", "Petrenko", "Klymenko", "Pavlenko", "Levchenko",
    ]

    /// Rows written per table.
    func write(path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        var counts: [String: Int] = [:]
        try queue.inTransaction { db in
            try seedPeople(db)
            counts = try seedConversations(db)
            return .commit
        }
        return counts
    }

    /// Rows of the searched tables, whether this run or an earlier one seeded them.
    static func counts(path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["contacts", "conversations", "messages"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    private func seedPeople(_ db: Database) throws {
        for index in 1...Self.departments {
            try db.execute(sql: "INSERT INTO departments (name) VALUES (?)", arguments: ["Department \(index)"])
        }
        let person = try db.makeStatement(sql: "INSERT INTO operators (login, display_name, role, created_at) VALUES (?, ?, 'operator', ?)")
        let membership = try db.makeStatement(sql: "INSERT INTO operator_departments (operator_id, department_id) VALUES (?, ?)")
        for index in 1...Self.operators {
            try person.execute(arguments: ["op\(index)", "Operator \(index)", start])
            try membership.execute(arguments: [db.lastInsertedRowID, index % Self.departments + 1])
        }
    }

    private func seedConversations(_ db: Database) throws -> [String: Int] {
        let contact = try db.makeStatement(sql: "INSERT INTO contacts (display_name, phone, created_at) VALUES (?, ?, ?)")
        let identity = try db.makeStatement(
            sql: "INSERT INTO identities (contact_id, channel_id, external_id, username, created_at) VALUES (?, ?, ?, ?, ?)"
        )
        let conversation = try db.makeStatement(
            sql: """
                INSERT INTO conversations (contact_id, channel_id, identity_id, status, assignee_id, department_id, opened_at,
                                           first_response_at, resolved_at, last_message_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let message = try db.makeStatement(
            sql: """
                INSERT INTO messages (conversation_id, channel_id, direction, author_kind, author_operator_id, text, delivery_state, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let label = try db.makeStatement(sql: "INSERT INTO conversation_labels (conversation_id, label) VALUES (?, 'vip')")
        let vocabulary = SearchVocabulary(size: 30_000)
        var random = ReportsSeed.Random(state: 7)
        let conversations = max(1, messages / Self.messagesPerConversation)
        let spacing = 365 * 86_400 / Double(conversations)
        var counts = ["contacts": 0, "conversations": 0, "messages": 0]
        for index in 0..<conversations {
            let opened = start + Double(index) * spacing
            let name = "\(Self.firstNames[random.next(Self.firstNames.count)]) \(Self.lastNames[random.next(Self.lastNames.count)])"
            let phone =
                random.next(2) == 0 ? String(format: "+380 %02d %03d %04d", 50 + random.next(49), random.next(1000), random.next(10_000)) : nil
            try contact.execute(arguments: [name, phone, opened])
            let contactID = db.lastInsertedRowID
            let channel = random.next(3) == 0 ? 2 : 1
            let username = channel == 1 && random.next(2) == 0 ? "user\(index)" : nil
            try identity.execute(arguments: [contactID, channel, "ext-\(index)", username, opened])
            let identityID = db.lastInsertedRowID
            let holder = random.next(Self.operators) + 1
            // The last week's conversations are still open; everything older is resolved.
            let open = index >= conversations - conversations / 52
            let end = opened + Double(Self.messagesPerConversation * 300)
            try conversation.execute(arguments: [
                contactID, channel, identityID, open ? "open" : "resolved", holder,
                index % (Self.departments + 1) == 0 ? nil : index % Self.departments + 1,
                opened, opened + 300, open ? nil : end + 600, end,
            ])
            let conversationID = db.lastInsertedRowID
            if random.next(20) == 0 { try label.execute(arguments: [conversationID]) }
            counts["contacts", default: 0] += 1
            counts["conversations", default: 0] += 1
            for turn in 0..<Self.messagesPerConversation {
                let words = (0..<(4 + random.next(16))).map { _ in vocabulary.draw(&random) }
                let note = turn == 5 && random.next(4) == 0
                let out = turn % 2 == 1 && !note
                let direction = note ? "note" : out ? "out" : "in"
                try message.execute(arguments: [
                    conversationID, channel, direction, note || out ? "operator" : "client", note || out ? holder : nil,
                    words.joined(separator: " "), out ? "sent" : nil, opened + Double(turn * 300),
                ])
                counts["messages", default: 0] += 1
            }
        }
        return counts
    }
}
