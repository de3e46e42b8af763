import Foundation
public import SwitchboardApp
public import SwitchboardCore

/// A real database file in a temporary directory with one channel and one operator, opened the way
/// `serve` opens its store (`openStore`), so tests hold the store port and not one engine.
public struct StoreFixture: Sendable {
    public let directory: TemporaryDirectory
    public let store: any AppStore
    public let channel: Channel
    public let agent: Operator

    /// The database file's path.
    public var path: String { directory.path("switchboard.sqlite") }

    /// Creates the file, a Telegram channel and an operator.
    public init() async throws {
        directory = try TemporaryDirectory()
        store = try openStore(AppConfig(databasePath: directory.migratedDatabase("switchboard.sqlite")))
        channel = try await store.createChannel(
            ChannelDraft(kind: .telegram, name: "support", mode: .poll, persona: Persona(name: "Acme", avatarURL: "https://acme.test/logo.png")),
            at: Date()
        )
        agent = try await store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
    }
}
