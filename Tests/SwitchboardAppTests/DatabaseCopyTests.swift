import Foundation
import Logging
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// `switchboard copy-database`: a SQLite desk copied into PostgreSQL arrives whole (every table,
/// every row, values exact, sequences continuing), and a copy that cannot be made leaves the target as it was.
@Suite struct DatabaseCopyTests {
    /// A message text that needs care on the way: multi-byte letters, an emoji, both quote marks.
    static let trickyText = "Привіт 👋 \"quoted\" and it's"
    /// A sealed token as it could come out of the cipher: a zero byte, invalid UTF-8, a quote, a backslash.
    static let tokenBytes: [UInt8] = [0x00, 0xFF, 0x27, 0x5C, 0x80, 0x41]

    @Test func everyTableArrivesWithTheSameRowsAndExactValues() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let target = try Target.make()

        let report = try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)

        let inspector = try DatabaseInspector(path: source.path)
        defer { try? inspector.close() }
        let tables = try inspector.strings(
            """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT LIKE '%_fts%' AND name <> 'grdb_migrations' ORDER BY name
            """
        )
        #expect(report.tables.map(\.table) == tables)
        for table in report.tables {
            #expect(table.rows == (try inspector.count(table.table)), "\(table.table) in the report")
            #expect(try target.value("SELECT COUNT(*) FROM \(table.table)") == "\(table.rows)", "\(table.table) in the target")
        }
        for busy in ["channels", "operators", "contacts", "identities", "conversations", "messages", "outbox", "events", "contact_merges"] {
            #expect(report.tables.first { $0.table == busy }?.rows ?? 0 > 0, "the source has \(busy) rows to copy")
        }
        #expect(report.rows == report.tables.reduce(0) { $0 + $1.rows })
        #expect(report.target == "postgres://postgres@127.0.0.1:\(try ThrowawayPostgres.shared().port)/\(target.name)?sslmode=disable")

        #expect(try target.value("SELECT text FROM messages WHERE text LIKE '%👋%'") == Self.trickyText)
        let hex = Self.tokenBytes.map { String(format: "%02x", $0) }.joined()
        #expect(try target.value("SELECT encode(token_ciphertext, 'hex') FROM channels WHERE name = 'support'") == hex)
        #expect(try target.value("SELECT token_ciphertext IS NULL FROM channels WHERE name = 'plain'") == "t")
        #expect(try target.value("SELECT merged_into FROM contacts WHERE id = 1") == "3", "a row pointing to a later row of its table")
        #expect(try target.value("SELECT merged_into IS NULL FROM contacts WHERE id = 3") == "t")
        // The full-text tables are not copied: the target's triggers build them from the copied rows.
        #expect(try target.value("SELECT COUNT(*) FROM messages_fts") == target.value("SELECT COUNT(*) FROM messages"))
        #expect(try target.value("SELECT COUNT(*) FROM contacts_fts") == target.value("SELECT COUNT(*) FROM contacts"))
        #expect(try target.value("SELECT COUNT(*) FROM webhook_fan_out") == "1", "the migration's seeded cursor is replaced, not doubled")
    }

    @Test func oneRowPerStatementStillCopiesEveryRowAndRowsThatPointToLaterRows() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let target = try Target.make()

        // Every page read and every statement holds one row: paging by composite keys and by rowid
        // must not skip a row, and a reference to a row of a later statement must still hold.
        let report = try await DatabaseCopy.run(from: source.path, to: target.url, parametersPerStatement: 1, logger: Self.quietLogger)

        let inspector = try DatabaseInspector(path: source.path)
        defer { try? inspector.close() }
        for table in report.tables {
            #expect(table.rows == (try inspector.count(table.table)), "\(table.table) in the report")
            #expect(try target.value("SELECT COUNT(*) FROM \(table.table)") == "\(table.rows)", "\(table.table) in the target")
        }
        #expect(report.tables.first { $0.table == "inbound_receipts" }?.rows ?? 0 > 1, "a table keyed by two columns spans pages")
        #expect(try target.value("SELECT merged_into FROM contacts WHERE id = 1") == "3")
    }

    @Test func newRowsContinueAfterTheCopiedIdsAndAfterIdsTheSourceDeleted() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let inspector = try DatabaseInspector(path: source.path)
        // AUTOINCREMENT never hands out a deleted row's number again; neither may the copy's sequence.
        try inspector.execute("DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")
        let lastSeq = try #require(try inspector.strings("SELECT seq FROM sqlite_sequence WHERE name = 'events'").first.flatMap { Int($0) })
        let lastContact = try #require(try inspector.strings("SELECT MAX(id) FROM contacts").first.flatMap { Int($0) })
        try inspector.close()
        let target = try Target.make()

        _ = try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)

        let newContact = try target.value("INSERT INTO contacts (display_name, created_at) VALUES ('New', 0) RETURNING id")
        #expect(newContact == "\(lastContact + 1)")
        let newEvent = try target.value("INSERT INTO events (kind, occurred_at) VALUES ('contact.updated', 0) RETURNING seq")
        #expect(newEvent == "\(lastSeq + 1)", "not the deleted event's number")
        let firstReply = "INSERT INTO canned_replies (shortcut, title, body, created_at) VALUES ('a', 'b', 'c', 0) RETURNING id"
        #expect(try target.value(firstReply) == "1", "a table the source left empty starts at 1")
    }

    @Test func aTargetWithRowsIsRefusedAndLeftAsItWas() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let target = try Target.make()
        _ = try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)
        let before = try target.counts()

        await #expect {
            try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)
        } throws: { error in
            let text = (error as? DatabaseCopy.Failure)?.description ?? ""
            return text.contains("already has rows") && text.contains("messages")
        }
        #expect(try target.counts() == before)
    }

    @Test func aValueThatDoesNotFitItsColumnFailsTheWholeCopyWithoutShowingTheValue() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let inspector = try DatabaseInspector(path: source.path)
        // A REAL column keeps text it cannot read as a number: SQLite's looseness that PostgreSQL refuses.
        try inspector.execute("UPDATE messages SET created_at = 'secret-ish' WHERE id = (SELECT MAX(id) FROM messages)")
        try inspector.close()
        let target = try Target.make()

        await #expect {
            try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)
        } throws: { error in
            let text = (error as? DatabaseCopy.Failure)?.description ?? ""
            return text.contains("messages.created_at") && !text.contains("secret-ish")
        }
        // Channels, contacts and the messages before the bad one were inserted first; the rollback
        // took them all back, and gave back the cursor rows the migrations seed.
        for (table, rows) in try target.counts() {
            #expect(rows == (["webhook_fan_out", "topic_fan_out"].contains(table) ? 1 : 0), "\(table)")
        }
    }

    @Test func aMissingSourceIsRefusedBeforeTheTargetIsTouched() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = try Target.make()

        await #expect {
            try await DatabaseCopy.run(from: directory.path("nothing.sqlite"), to: target.url, logger: Self.quietLogger)
        } throws: { error in
            (error as? DatabaseCopy.Failure)?.description == "no SQLite database at \(directory.path("nothing.sqlite"))"
        }
        #expect(try target.value("SELECT to_regclass('schema_migrations') IS NULL") == "t")
        #expect(!FileManager.default.fileExists(atPath: directory.path("nothing.sqlite")))
    }

    @Test func aSourceThisBuildDidNotFullyMigrateIsRefused() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }
        let inspector = try DatabaseInspector(path: source.path)
        try inspector.execute("DELETE FROM grdb_migrations WHERE identifier = '0035_staff_topics'")
        try inspector.close()
        let target = try Target.make()

        await #expect {
            try await DatabaseCopy.run(from: source.path, to: target.url, logger: Self.quietLogger)
        } throws: { error in
            let text = (error as? DatabaseCopy.Failure)?.description ?? ""
            return text.contains("0035_staff_topics") && text.contains("switchboard migrate")
        }
        let after = try DatabaseInspector(path: source.path)
        #expect(try after.strings("SELECT COUNT(*) FROM grdb_migrations WHERE identifier = '0035_staff_topics'") == ["0"])
        try after.close()
    }

    @Test func aTargetURLThatIsNotPostgresIsRefusedWithoutItsPassword() async throws {
        let source = try await Source.make()
        defer { source.directory.remove() }

        await #expect {
            try await DatabaseCopy.run(from: source.path, to: "mysql://desk:hunter2@db/desk", logger: Self.quietLogger)
        } throws: { error in
            let text = (error as? DatabaseCopy.Failure)?.description ?? ""
            return text.contains("postgres://") && !text.contains("hunter2")
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "copy-database-test")
        logger.logLevel = .critical
        return logger
    }
}

/// A SQLite desk with a bit of everything: two channels (one with a sealed token), two operators,
/// three clients whose first contact was merged into the third, replies, a note and the events of it all.
private struct Source {
    let directory: TemporaryDirectory
    let path: String

    static func make() async throws -> Source {
        let directory = try TemporaryDirectory()
        let path = directory.path("desk.sqlite")
        let store = try SQLiteStore(path: path)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let support = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme")),
            credentials: ChannelCredentials(tokenCiphertext: Data(DatabaseCopyTests.tokenBytes)),
            at: start
        )
        let plain = try await store.createChannel(
            ChannelDraft(kind: .viber, name: "plain", mode: .webhook, persona: Persona(name: "Acme")),
            at: start
        )
        let maria = try await store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: start)
        _ = try await store.createOperator(OperatorDraft(login: "boss", displayName: "Boss", role: .admin), at: start)
        var conversations: [ConversationID] = []
        for (index, user) in ["u-1", "u-2", "u-3"].enumerated() {
            let channel = index == 1 ? plain.id : support.id
            let text = index == 0 ? DatabaseCopyTests.trickyText : "hello from \(user)"
            let at = start.addingTimeInterval(Double(index))
            let outcome = try await store.ingest(InboundEvents.text(text, channel: channel, from: user, at: at))
            guard case .new(let result) = outcome, let conversation = result.conversationID else {
                throw StoreError.invalid("the source's ingest did not open a conversation")
            }
            conversations.append(conversation)
        }
        for (index, conversation) in conversations.enumerated() {
            let at = start.addingTimeInterval(Double(10 + index))
            let reply = ReplyDraft(conversationID: conversation, operatorID: maria.id, text: "On it, \(index)")
            _ = try await store.enqueueReply(reply, at: at)
        }
        _ = try await store.addNote(conversationID: conversations[0], operatorID: maria.id, text: "VIP", at: start.addingTimeInterval(20))
        // The first client's contact points to a later row of its own table.
        let mergedAt = start.addingTimeInterval(30)
        _ = try await store.mergeContacts(into: ContactID(3), from: ContactID(1), reason: .manual, by: maria.id, at: mergedAt)
        try store.close()
        return Source(directory: directory, path: path)
    }
}

/// A new, empty PostgreSQL database on the test process's server.
private struct Target {
    let name: String
    let url: String

    static func make() throws -> Target {
        let server = try ThrowawayPostgres.shared()
        let name = try server.newDatabase()
        return Target(name: name, url: server.url(database: name))
    }

    /// The single value `sql` returns, as psql prints it.
    func value(_ sql: String) throws -> String {
        try ThrowawayPostgres.shared().psql(sql, database: name).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Rows of every table, by table.
    func counts() throws -> [String: Int] {
        let tables = try value(
            "SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        var counts: [String: Int] = [:]
        for table in tables.split(separator: ",") where table != "schema_migrations" {
            counts[String(table)] = Int(try value("SELECT COUNT(*) FROM \(table)"))
        }
        return counts
    }
}
