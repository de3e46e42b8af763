import Foundation
import SwitchboardCore
import Testing

/// API keys and deep-link contexts: a context is claimed by the first client who arrives with it.
@Suite struct ContinuityContractTests {
    /// Registers a context under `key`, valid for an hour from `start`.
    func register(_ desk: Desk, _ key: String, data: String = #"{"order":"A-17"}"#) async throws -> DeepLinkContext {
        let apiKey = try await desk.store.createAPIKey(name: "shop-\(key)", keyHash: "hash-\(key)", maskedKey: "sk_…\(key)", at: desk.at(0))
        let context = DeepLinkContext(key: key, data: data, createdAt: desk.at(0), expiresAt: desk.at(3_600))
        try await desk.store.createContext(context, apiKeyID: apiKey.id)
        return context
    }

    @Test(arguments: StoreFactory.all)
    func theFirstClientArrivingWithAContextHasItPinned(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let context = try await register(desk, "pay-123")

            let first = try await desk.clientWrites("about my order", at: desk.at(10), contextKey: "pay-123")
            let second = try await desk.clientWrites("me too", from: "u-2", at: desk.at(20), contextKey: "pay-123")

            let firstConversation = try #require(first.conversationID)
            let secondConversation = try #require(second.conversationID)
            #expect(try await desk.conversationValue(firstConversation).contextKey == "pay-123")
            #expect(try await desk.store.pinnedContext(of: firstConversation) == PinnedContext(key: "pay-123", status: .pinned, context: context))
            #expect(try await desk.store.pinnedContext(of: secondConversation)?.status == .missing)
            #expect(try await desk.store.pinnedContext(of: secondConversation)?.context == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anExpiredOrUnknownContextIsNotPinned(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            _ = try await register(desk, "late-1")

            let late = try await desk.clientWrites("hi", at: desk.at(3_600), contextKey: "late-1")
            let unknown = try await desk.clientWrites("hi", from: "u-2", at: desk.at(10), contextKey: "never-registered")
            let plain = try await desk.clientWrites("hi", from: "u-3", at: desk.at(10))

            #expect(try await desk.store.pinnedContext(of: try #require(late.conversationID))?.status == .expired)
            #expect(try await desk.store.pinnedContext(of: try #require(unknown.conversationID))?.status == .missing)
            #expect(try await desk.store.pinnedContext(of: try #require(plain.conversationID)) == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContextFromAnOpenedChatWaitsForTheFirstMessage(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let context = try await register(desk, "viber-ctx")

            let opened = try await desk.ingestNew(desk.event(.opened(contextKey: "viber-ctx"), at: desk.at(5)))
            #expect(opened.conversationID == nil)
            let intruder = try await desk.clientWrites("hi", from: "u-2", at: desk.at(6), contextKey: "viber-ctx")
            let first = try await desk.clientWrites("hello", at: desk.at(7))

            let id = try #require(first.conversationID)
            #expect(try await desk.store.pinnedContext(of: id) == PinnedContext(key: "viber-ctx", status: .pinned, context: context))
            #expect(try await desk.store.pinnedContext(of: try #require(intruder.conversationID))?.status == .missing)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aContextKeyIsRegisteredOnlyOnce(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let context = try await register(desk, "dup-1")
            let apiKey = try #require(try await desk.store.apiKey(hash: "hash-dup-1"))

            await expectStoreError(.conflict) { try await desk.store.createContext(context, apiKeyID: apiKey.id) }
        }
    }

    @Test(arguments: StoreFactory.all)
    func apiKeysAreFoundByHashUntilRevoked(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let key = try await desk.store.createAPIKey(name: "shop", keyHash: "h1", maskedKey: "sk_…abcd", at: desk.at(0))
            #expect(key == APIKey(id: key.id, name: "shop", maskedKey: "sk_…abcd", createdAt: desk.at(0)))
            #expect(try await desk.store.apiKey(hash: "h1") == key)
            await expectStoreError(.conflict) {
                try await desk.store.createAPIKey(name: "shop", keyHash: "h2", maskedKey: "sk_…efgh", at: desk.at(1))
            }

            try await desk.store.revokeAPIKey(key.id, at: desk.at(10))
            try await desk.store.revokeAPIKey(key.id, at: desk.at(20))

            #expect(try await desk.store.apiKey(hash: "h1") == nil)
            #expect(try await desk.store.apiKeys().map(\.revokedAt) == [desk.at(10)])
            await expectStoreError(.notFound) { try await desk.store.revokeAPIKey(key.id + 100, at: desk.at(30)) }
        }
    }
}
