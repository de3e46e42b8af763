import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchboardApp
import SwitchboardDemo
import TestSupport
import Testing

/// The move from SQLite to PostgreSQL, seen from where operators and integrations see it: the
/// demo desk (three weeks of history on two channels) copied with `copy-database` answers every
/// read of the HTTP API exactly as the SQLite file it came from.
///
/// Both servers run the full router on the same instant of a manual clock and without background
/// services, so nothing but the store differs between them. A table the copy dropped, or a value
/// it changed (a time, a text, a reference), shows up in some answer.
@Suite struct CopiedDemoTests {
    static let logger: Logger = {
        var logger = Logger(label: "copied-demo")
        logger.logLevel = .critical
        return logger
    }()

    @Test func theCopiedDemoAnswersEveryReadAsTheSQLiteFileDid() async throws {
        // Given the demo desk in a SQLite file, and its copy in a fresh PostgreSQL database.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = AppConfig(
            port: 0,
            databasePath: directory.path("demo.sqlite"),
            logLevel: .critical,
            mediaDirectory: directory.path("media"),
            secretKeyFile: directory.path("switchboard.key")
        )
        let accounts = try await Demo.seed(sqlite, logger: Self.logger)
        let admin = try #require(accounts.first { $0.login == "admin" })
        var postgres = sqlite
        postgres.databasePath = try ThrowawayPostgres.shared().newDatabaseURL()
        let report = try await DatabaseCopy.run(from: sqlite.databasePath, to: postgres.databasePath, logger: Self.logger)
        #expect(report.rows > 1000, "the demo desk is not trivial: \(report.rows) rows")

        // When the same admin asks both the same questions at the same instant.
        let now = Date()
        let fromSQLite = try await Self.answers(config: sqlite, now: now, signingInAs: admin)
        let fromPostgres = try await Self.answers(config: postgres, now: now, signingInAs: admin)

        // Then every answer is a success with something in it, and the same on both.
        #expect(fromSQLite.count > 100, "\(fromSQLite.count) reads")
        #expect(fromSQLite.map(\.path) == fromPostgres.map(\.path))
        for (left, right) in zip(fromSQLite, fromPostgres) {
            #expect(left.status == .ok, "\(left.path) on SQLite: \(left.status) \(left.text.prefix(300))")
            #expect(left.status == right.status, "\(left.path): \(left.status) on SQLite, \(right.status) on PostgreSQL")
            #expect(left.text == right.text, "\(left.path) differs:\n  SQLite     \(left.text.prefix(600))\n  PostgreSQL \(right.text.prefix(600))")
        }
        let conversations = try #require(fromSQLite.first { $0.path.hasPrefix("/api/v1/conversations?filter=resolved&limit=200") })
        #expect(conversations.text.count > 10_000, "the conversation list has the history in it")
    }

    /// One read and its answer, with a JSON body in one canonical form (keys sorted).
    struct Answer {
        let path: String
        let status: HTTPResponse.Status
        let text: String
    }

    /// Serves the store `config` names with a router only (no background service writes behind
    /// the reads), signs in and reads the desk: the fixed lists and reports, then every listed
    /// conversation with its messages and contact, every operator's presence log
    /// and every channel's settings.
    static func answers(config: AppConfig, now: Date, signingInAs account: Demo.Account) async throws -> [Answer] {
        let switchboard = try Switchboard(config: config, logger: logger, clock: ManualWallClock(start: now))
        defer { try? switchboard.store.close() }
        let app = Application(router: try buildRouter(switchboard: switchboard, config: config, passwordCost: 4))
        return try await app.test(.router) { client in
            let cookie = try await signIn(client, account)
            var answers: [Answer] = []
            func read(_ path: String) async throws -> Answer {
                let answer = try await get(client, path, cookie: cookie)
                answers.append(answer)
                return answer
            }
            for path in fixedPaths(now: now) { _ = try await read(path) }
            // The demo history is three weeks of resolved conversations.
            let list = try await read("/api/v1/conversations?filter=resolved&limit=200")
            for id in try ids(in: list, key: "items") {
                let conversation = try await read("/api/v1/conversations/\(id)")
                _ = try await read("/api/v1/conversations/\(id)/messages?limit=200")
                let contact = try #require(try object(conversation)["contact"] as? [String: Any], "\(conversation.text.prefix(200))")
                _ = try await read("/api/v1/contacts/\(try #require(contact["id"] as? Int))")
            }
            for id in try ids(in: try await read("/api/v1/operators"), key: "items") {
                _ = try await read("/api/v1/operators/\(id)/presence-log")
            }
            for id in try ids(in: try await read("/api/v1/channels"), key: "items") {
                _ = try await read("/api/v1/settings/channels/\(id)/routing")
                _ = try await read("/api/v1/channels/\(id)/automation")
            }
            return answers
        }
    }

    /// Reads that need no id: lists, settings, the audit log, searches (Latin and Cyrillic) and
    /// every report over the demo's three weeks.
    static func fixedPaths(now: Date) -> [String] {
        let day = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current).year().month().day()
        let range = "from=\(now.addingTimeInterval(-22 * 86_400).formatted(day))&to=\(now.formatted(day))&tz=UTC"
        let lists = ["all", "resolved", "unassigned", "mine"].map { "/api/v1/conversations?filter=\($0)&limit=50" }
        let reports = ["figures", "load", "staff", "departments", "feedback", "channels"].map { "/api/v1/reports/\($0)?\(range)" }
        return lists + reports + [
            "/api/v1/queues", "/api/v1/queue", "/api/v1/admin/operators", "/api/v1/departments", "/api/v1/canned-replies",
            "/api/v1/settings/routing", "/api/v1/automation", "/api/v1/audit?limit=200", "/api/v1/webhooks", "/api/v1/api-keys",
            "/api/v1/reviews", "/api/v1/media-limits", "/api/v1/search?q=refund",
            "/api/v1/search?q=%D0%B7%D0%B0%D0%BC%D0%BE%D0%B2%D0%BB%D0%B5%D0%BD%D0%BD%D1%8F",
            "/api/v1/reports/figures?\(range)&businessHours=true", "/api/v1/reports/load?\(range)&format=csv",
            "/api/v1/exports/conversations?\(range)&format=csv",
        ]
    }

    static func signIn(_ client: any TestClientProtocol, _ account: Demo.Account) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["login": account.login, "password": account.password])
        return try await client.execute(
            uri: "/api/v1/session",
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: body)
        ) { response in
            #expect(response.status == .ok)
            return try #require(response.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        }
    }

    static func get(_ client: any TestClientProtocol, _ path: String, cookie: String) async throws -> Answer {
        try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]) { response in
            let data = Data(response.body.readableBytesView)
            let text: String
            if let json = try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) {
                text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
            } else {
                text = String(decoding: data, as: UTF8.self)
            }
            return Answer(path: path, status: response.status, text: text)
        }
    }

    static func object(_ answer: Answer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any], "\(answer.path) is not an object")
    }

    /// The `id`s of the list under `key` of an answer.
    static func ids(in answer: Answer, key: String) throws -> [Int] {
        let list = try #require(try object(answer)[key] as? [[String: Any]], "\(answer.path) has no list \(key)")
        return list.compactMap { $0["id"] as? Int }
    }
}
