import Foundation
import SwitchboardCore
import Testing

/// Connected bots: their sealed credentials, settings, pausing and removal.
@Suite struct ChannelContractTests {
    let token = Data([1, 2, 3, 4])

    @Test(arguments: StoreFactory.all)
    func aChannelKeepsItsSealedCredentialsAndNamesAreUnique(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let credentials = ChannelCredentials(
                tokenCiphertext: token,
                webhookSecretCiphertext: Data([9, 9]),
                settingsJSON: #"{"apiURL":"http://x"}"#
            )
            let draft = ChannelDraft(kind: .viber, name: "viber-main", mode: .webhook, persona: Persona(name: "Acme"))

            let channel = try await desk.store.createChannel(draft, credentials: credentials, at: Desk.start)

            #expect(try await desk.store.channelCredentials(channel.id) == credentials)
            #expect(try await desk.store.channelCredentials(desk.channel.id) == nil)
            #expect(try await desk.store.channels().map(\.id) == [desk.channel.id, channel.id])
            #expect(try await desk.store.channels().last == channel)
            await expectStoreError(.conflict) { try await desk.store.createChannel(draft, credentials: credentials, at: Desk.start) }
            await expectStoreError(.conflict) { try await desk.store.createChannel(draft, at: Desk.start) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func modeProblemAndChangesAreApplied(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let channel = try await desk.store.createChannel(
                ChannelDraft(kind: .telegram, name: "tg", mode: .poll, persona: Persona(name: "Acme")),
                credentials: ChannelCredentials(tokenCiphertext: token),
                at: Desk.start
            )

            try await desk.store.updateChannelMode(channel.id, mode: .webhook, webhookSecretCiphertext: Data([7]))
            try await desk.store.setChannelProblem(channel.id, problem: "token revoked")
            try await desk.store.updateChannel(channel.id, ChannelChange(persona: Persona(name: "Acme Support"), isPaused: true))
            var stored = try #require(try await desk.store.channels().first { $0.id == channel.id })
            #expect(stored.mode == .webhook)
            #expect(stored.problem == "token revoked")
            #expect(stored.persona == Persona(name: "Acme Support"))
            #expect(stored.isPaused)
            #expect(try await desk.store.channelCredentials(channel.id)?.webhookSecretCiphertext == Data([7]))

            try await desk.store.updateChannel(channel.id, ChannelChange(tokenCiphertext: Data([5]), settingsJSON: #"{"a":1}"#, isPaused: false))

            stored = try #require(try await desk.store.channels().first { $0.id == channel.id })
            #expect(stored.problem == nil)
            #expect(stored.isPaused == false)
            #expect(
                try await desk.store.channelCredentials(channel.id)
                    == ChannelCredentials(tokenCiphertext: Data([5]), webhookSecretCiphertext: Data([7]), settingsJSON: #"{"a":1}"#)
            )
            await expectStoreError(.notFound) { try await desk.store.updateChannelMode(ChannelID(9_999), mode: .poll, webhookSecretCiphertext: nil) }
            await expectStoreError(.notFound) { try await desk.store.setChannelProblem(ChannelID(9_999), problem: nil) }
            await expectStoreError(.notFound) { try await desk.store.updateChannel(ChannelID(9_999), ChannelChange(isPaused: true)) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func removingAChannelFailsItsQueuedRepliesKeepsItsConversationsAndFreesItsName(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let viber = try await desk.store.createChannel(
                ChannelDraft(kind: .viber, name: "viber", mode: .webhook, persona: Persona(name: "Acme")),
                credentials: ChannelCredentials(tokenCiphertext: token),
                at: Desk.start
            )
            let id = try await desk.conversation(on: viber.id, at: desk.at(0))
            let reply = try await desk.reply("queued", in: id, at: desk.at(1))

            let (removal, events) = try await desk.store.removeChannel(viber.id, reason: "channel removed", at: desk.at(2))

            #expect(removal == ChannelRemoval(name: "viber", conversationsKept: 1, repliesFailed: 1))
            #expect(events.map(\.kind) == [.messageDelivery])
            #expect(try await desk.store.messages(in: id).last?.deliveryState == .failed)
            #expect(try await desk.store.messages(in: id).last?.failureReason == "channel removed")
            #expect(try await desk.store.messages(in: id).last?.id == reply.message.id)
            #expect(try await desk.store.channels().map(\.id) == [desk.channel.id])
            #expect(try await desk.store.channelCredentials(viber.id) == nil)
            #expect(try await desk.conversationValue(id).channelID == viber.id)
            #expect(try await desk.store.nextOutboxDue() == nil)
            _ = try await desk.store.createChannel(
                ChannelDraft(kind: .viber, name: "viber", mode: .webhook, persona: Persona(name: "Acme")),
                at: Desk.start
            )
            await expectStoreError(.notFound) { try await desk.store.removeChannel(viber.id, reason: "again", at: desk.at(3)) }
        }
    }
}
