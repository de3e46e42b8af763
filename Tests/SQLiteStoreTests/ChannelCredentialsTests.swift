import Foundation
import SQLiteStore
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ChannelCredentialsTests {
    @Test func credentialsRoundTripAndModeSwitches() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let credentials = ChannelCredentials(tokenCiphertext: Data([1, 2, 3, 255]), settingsJSON: #"{"api_url":"http://127.0.0.1:9"}"#)
        let draft = ChannelDraft(kind: .telegram, name: "support-tg", mode: .poll, persona: Persona(name: "Desk"))

        let channel = try await fixture.store.createChannel(draft, credentials: credentials, at: Date())
        #expect(try await fixture.store.channelCredentials(channel.id) == credentials)

        try await fixture.store.updateChannelMode(channel.id, mode: .webhook, webhookSecretCiphertext: Data([9, 8, 7]))
        #expect(try await fixture.store.channels().first { $0.id == channel.id }?.mode == .webhook)
        #expect(try await fixture.store.channelCredentials(channel.id)?.webhookSecretCiphertext == Data([9, 8, 7]))
    }

    @Test func duplicateNameConflictsAndUnknownChannelIsNotFound() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.directory.remove() }
        let draft = ChannelDraft(kind: .telegram, name: fixture.channel.name, mode: .poll, persona: Persona(name: "Desk"))
        await #expect(throws: StoreError.conflict("channel '\(fixture.channel.name)'")) {
            try await fixture.store.createChannel(draft, credentials: ChannelCredentials(tokenCiphertext: Data([1])), at: Date())
        }
        #expect(try await fixture.store.channelCredentials(fixture.channel.id) == nil, "created without a token")
        await #expect(throws: StoreError.notFound("channel 999")) {
            try await fixture.store.updateChannelMode(ChannelID(999), mode: .poll, webhookSecretCiphertext: nil)
        }
    }
}
