import Foundation
public import SQLiteStore
public import SwitchboardCore

/// A real SQLite file in a temporary directory with one channel and one operator.
public struct StoreFixture: Sendable {
    public let directory: TemporaryDirectory
    public let store: SQLiteStore
    public let channel: Channel
    public let agent: Operator

    /// The database file's path.
    public var path: String { directory.path("switchboard.sqlite") }

    /// Creates the file, a Telegram channel and an operator.
    public init() async throws {
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.migratedDatabase("switchboard.sqlite"))
        channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme", avatarURL: "https://acme.test/logo.png")),
            at: Date()
        )
        agent = try await store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
    }
}
