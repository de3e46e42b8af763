import Foundation
import SwitchboardCore
import Testing

/// API keys with scopes, and the messages a key posts into a conversation.
@Suite struct APIKeyContractTests {
    @Test(arguments: StoreFactory.all)
    func aKeyKeepsItsScopesBotNameAndLimit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let settings = APIKeySettings(scopes: [.messagesWrite, .conversationsRead], botName: "Order system", ratePerMinute: 30)
            let key = try await desk.store.createAPIKey(name: "shop", keyHash: "h1", maskedKey: "••••abcd", settings: settings, at: desk.at(0))

            #expect(key.scopes == [.conversationsRead, .messagesWrite])
            #expect(key.botName == "Order system")
            #expect(key.ratePerMinute == 30)
            #expect(try await desk.store.apiKey(hash: "h1") == key)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aKeyWithoutSettingsMayOnlyWriteContextsAndIsNamedAfterItself(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let key = try await desk.store.createAPIKey(name: "website", keyHash: "h2", maskedKey: "••••efgh", at: desk.at(0))

            #expect(key.scopes == [.contextsWrite])
            #expect(key.botName == "website")
            #expect(key.ratePerMinute == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aKeysMessageIsQueuedAndShownUnderItsBotName(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            // Given a conversation and a key named "shop" whose bot is "Order system".
            let conversation = try await desk.conversation(at: desk.at(0))
            let settings = APIKeySettings(scopes: [.messagesWrite], botName: "Order system")
            let key = try await desk.store.createAPIKey(name: "shop", keyHash: "h3", maskedKey: "••••ijkl", settings: settings, at: desk.at(1))
            let before = try await desk.conversationValue(conversation)

            // When the key posts a message.
            let posted = try await desk.store.enqueueKeyMessage(
                in: conversation,
                apiKeyID: key.id,
                text: "Your order A-17 has shipped.",
                attachments: [],
                at: desk.at(2)
            )

            // Then it is stored as a queued bot message, waits in the outbox, and the timeline names the bot.
            #expect(posted.message.author == .bot)
            #expect(posted.message.deliveryState == .queued)
            #expect(posted.events.map(\.kind) == [.messageCreated])
            let claimed = try await desk.store.claimOutbox(limit: 10, now: desk.at(3), lease: 30)
            #expect(claimed.map(\.message.messageID) == [posted.message.id])
            #expect(claimed.first?.message.isFromOperator == false)
            let contact = before.contactID
            let entry = try #require(
                try await desk.store.timeline(contactID: contact, viewer: .integration, before: nil, limit: 10).first {
                    $0.message.id == posted.message.id
                }
            )
            #expect(entry.authorName == "Order system")
            #expect(try await desk.conversationValue(conversation).status == before.status)
            await expectStoreError(.notFound) {
                try await desk.store.enqueueKeyMessage(in: ConversationID(9_999), apiKeyID: key.id, text: "x", attachments: [], at: desk.at(4))
            }
        }
    }
}
