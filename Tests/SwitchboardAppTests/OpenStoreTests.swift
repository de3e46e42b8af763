import Foundation
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// `openStore(_:)` is where `serve`, the demo and every command get their store: it opens the
/// engine the configuration names and refuses, with a message, the ones this build lacks.
@Suite struct OpenStoreTests {
    @Test func aFilePathOpensAMigratedSQLiteStore() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = AppConfig(port: 0, databasePath: directory.path("desk.sqlite"))

        let store = try openStore(config)
        let channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "support-tg", mode: .poll, persona: Persona(name: "Support")),
            at: Date()
        )

        #expect(try await openStore(config).channels() == [channel])
        #expect(try await DatabaseLocation(config.databasePath).migrate() == [])
    }

    @Test func aPostgresURLOpensAStoreThatMigratesTheDatabaseOnceForEveryInstance() async throws {
        let url = try ThrowawayPostgres.shared().newDatabaseURL()
        let config = AppConfig(port: 0, databasePath: url)
        #expect(try DatabaseLocation(url).displayName == url)

        let first = try openStore(config)
        let channel = try await first.createChannel(
            ChannelDraft(kind: .telegram, name: "support-tg", mode: .poll, persona: Persona(name: "Support")),
            at: Date()
        )
        let second = try openStore(config)
        #expect(try await second.channels() == [channel])
        #expect(try await DatabaseLocation(url).migrate() == [])
        try first.close()
        try second.close()
    }

    @Test func aPostgresURLsPasswordIsNeverShown() throws {
        let url = "postgres://desk:hunter2@db.example.com:5433/desk?sslmode=require"
        let location = try DatabaseLocation(url)
        #expect(!location.displayName.contains("hunter2"))
        #expect(!AppConfig(port: 0, databasePath: url).description.contains("hunter2"))
        #expect(AppConfig(port: 0, databasePath: url).mediaDirectory == "media")
    }

    @Test func anUnreadablePostgresURLIsRefusedWithAMessageThatHidesItsPassword() {
        #expect {
            try AppConfig.load(environment: ["SWITCHBOARD_DATABASE": "postgresql://desk:hunter2@db:99999/desk"])
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("SWITCHBOARD_DATABASE: the PostgreSQL URL") && problems[0].contains("port")
                && !problems[0].contains("hunter2")
        }
    }

    @Test func anotherEnginesURLIsRefused() {
        #expect {
            try openStore(AppConfig(port: 0, databasePath: "mysql://desk:hunter2@db/desk"))
        } throws: { error in
            guard let unsupported = error as? DatabaseLocation.Unsupported else { return false }
            return unsupported.scheme == "mysql" && !unsupported.description.contains("hunter2")
        }
    }

    @Test func aPathWithAColonIsStillAFile() throws {
        #expect(try DatabaseLocation("data:2026/desk.sqlite") == .sqlite(path: "data:2026/desk.sqlite"))
    }
}
