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
        #expect(try DatabaseLocation(config.databasePath).migrate() == [])
    }

    @Test func aPostgresURLIsRefusedWithAMessageThatHidesItsPassword() {
        let config = AppConfig(port: 0, databasePath: "postgres://desk:hunter2@db.example.com/desk")
        #expect {
            try openStore(config)
        } throws: { error in
            guard let unsupported = error as? DatabaseLocation.Unsupported else { return false }
            return unsupported.scheme == "postgres" && unsupported.description.contains("PostgreSQL") && !unsupported.description.contains("hunter2")
        }
    }

    @Test func loadingTheConfigurationListsAnUnsupportedDatabase() {
        #expect {
            try AppConfig.load(environment: ["SWITCHBOARD_DATABASE": "postgresql://desk:hunter2@db/desk"])
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.count == 1 && problems[0].hasPrefix("SWITCHBOARD_DATABASE: PostgreSQL") && !problems[0].contains("hunter2")
        }
    }

    @Test func aPathWithAColonIsStillAFile() throws {
        #expect(try DatabaseLocation("data:2026/desk.sqlite") == .sqlite(path: "data:2026/desk.sqlite"))
    }
}
