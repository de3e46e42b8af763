import Foundation
import SwitchboardCore
import Testing

@Suite struct ContextClaimTests {
    typealias F = IngestFixtures
    static let key = "Qm9vbXNoYWthbGFrYV8xMjM0"

    @Test func theFirstIdentityToUseAKeyOwnsIt() {
        let free = StoredContext(key: Self.key, expiresAt: F.now.addingTimeInterval(60))
        #expect(ContextClaimRule.decide(key: Self.key, stored: free, identity: IdentityID(1), at: F.now) == (.pinned, true))
        let mine = StoredContext(key: Self.key, ownerID: IdentityID(1), expiresAt: F.now.addingTimeInterval(-60))
        // Expiry counts only before the claim.
        #expect(ContextClaimRule.decide(key: Self.key, stored: mine, identity: IdentityID(1), at: F.now) == (.pinned, false))
        #expect(ContextClaimRule.decide(key: Self.key, stored: mine, identity: IdentityID(2), at: F.now) == (.missing, false))
    }

    @Test func unknownMalformedAndExpiredKeys() {
        let expired = StoredContext(key: Self.key, expiresAt: F.now)
        #expect(ContextClaimRule.decide(key: Self.key, stored: expired, identity: IdentityID(1), at: F.now) == (.expired, false))
        #expect(ContextClaimRule.decide(key: Self.key, stored: nil, identity: IdentityID(1), at: F.now) == (.missing, false))
        #expect(ContextClaimRule.decide(key: "bad key!", stored: nil, identity: IdentityID(1), at: F.now) == (.missing, false))
    }

    @Test func aMessageClaimsTheKeyThatWaitedSinceTheChatWasOpened() {
        let free = StoredContext(key: Self.key, expiresAt: F.now.addingTimeInterval(60))
        let opened = F.decide(F.event(.opened(contextKey: Self.key)), F.snapshot(returning: false) { $0.context = free })
        #expect(opened.changes.contains(.claimContext(key: Self.key, by: F.ids.identity, at: F.now)))
        #expect(opened.changes.contains(.setPendingContext(F.ids.identity, key: Self.key)))

        let claimed = StoredContext(key: Self.key, ownerID: F.identity.id, expiresAt: F.now.addingTimeInterval(60))
        let plan = F.decide(
            F.event(F.message("hi")),
            F.snapshot {
                $0.identity = IdentityRow(identity: F.identity, pendingContextKey: Self.key)
                $0.context = claimed
            }
        )
        #expect(plan.changes.contains(.setPendingContext(F.identity.id, key: nil)))
        #expect(
            plan.changes.contains(
                .openConversation(
                    Conversation(
                        id: F.ids.conversation,
                        contactID: F.identity.contactID,
                        channelID: F.channel,
                        identityID: F.identity.id,
                        status: .open,
                        contextKey: Self.key,
                        openedAt: F.now,
                        lastMessageAt: F.now
                    ),
                    contextStatus: .pinned
                )
            )
        )
    }

    @Test func anOverlongKeyIsCutAndReadsAsMissing() {
        let long = String(repeating: "a", count: 500)
        #expect(IngestReads.contextKey(F.event(F.message("hi", context: long)), pendingContextKey: nil)?.count == IngestReads.maxStoredContextKey)
    }

    @Test func aNewContextOnAnOpenConversationIsSetOnIt() {
        let free = StoredContext(key: Self.key, expiresAt: F.now.addingTimeInterval(60))
        let latest = LatestConversation(conversation: F.conversation(.open, context: "older"))
        let plan = F.decide(F.event(F.message("/start", context: Self.key)), F.snapshot(latest: latest) { $0.context = free })
        #expect(plan.changes.contains(.setContext(ConversationID(7), key: Self.key, status: .pinned)))
        #expect(plan.eventKinds.contains(.conversationContextSet))
    }
}
