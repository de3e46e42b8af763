import Foundation
import SwitchboardCore
import Testing

/// A banned contact's messages, and a flooding identity's, are stored but change nothing else.
@Suite struct HeldMessageIngestTests {
    typealias F = IngestFixtures

    static let ban = ContactBan(reason: "spam", bannedBy: "Sofia", bannedAt: F.now.addingTimeInterval(-60))

    func inserted(_ plan: IngestPlan) -> Message? {
        for change in plan.changes {
            if case .insertClientMessage(let message, _) = change { return message }
        }
        return nil
    }

    @Test func aBannedClientsMessageIsKeptInTheLatestConversationWithoutReopeningIt() throws {
        let resolved = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-100)))
        let plan = F.decide(F.event(F.message("buy cheap followers")), F.snapshot(latest: resolved) { $0.ban = Self.ban })
        let message = try #require(inserted(plan))
        #expect(message.hold == .banned)
        #expect(message.conversationID == resolved.conversation.id)
        #expect(plan.eventKinds == [.messageCreated])
        #expect(!plan.changes.contains { if case .setStatus = $0 { true } else { false } })
        #expect(!plan.changes.contains { if case .clientWrote = $0 { true } else { false } })
        #expect(!plan.changes.contains { if case .enterQueue = $0 { true } else { false } })
    }

    @Test func aBannedClientAskingForAHumanEscalatesNothing() throws {
        let open = LatestConversation(conversation: F.conversation(.open))
        let plan = F.decide(F.event(F.message("operator!")), F.snapshot(latest: open) { $0.ban = Self.ban })
        #expect(plan.eventKinds == [.messageCreated])
        #expect(try #require(inserted(plan)).hold == .banned)
    }

    @Test func aBannedClientWithoutAConversationGetsAResolvedOneAndNoAnnouncement() throws {
        let plan = F.decide(F.event(F.message("hi")), F.snapshot { $0.ban = Self.ban })
        guard case .openConversation(let conversation, _)? = plan.changes.first(where: { if case .openConversation = $0 { true } else { false } })
        else {
            Issue.record("no conversation to hold the message")
            return
        }
        #expect(conversation.status == .resolved)
        #expect(!plan.eventKinds.contains(.conversationOpened))
        #expect(try #require(inserted(plan)).conversationID == conversation.id)
    }

    @Test func withoutABanTheMessageIsHandledAsUsual() throws {
        let resolved = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-100)))
        let plan = F.decide(F.event(F.message("hello again")), F.snapshot(latest: resolved))
        #expect(try #require(inserted(plan)).hold == nil)
        #expect(plan.changes.contains { if case .setStatus = $0 { true } else { false } })
    }

    @Test func theMessageOverTheFloodLimitIsHeldAndAnnouncesTheMuteOnce() throws {
        let open = LatestConversation(conversation: F.conversation(.open))
        let full = FloodState(windowStart: F.now.addingTimeInterval(-10), count: 20)
        let plan = F.decide(F.event(F.message("again")), F.snapshot(latest: open) { $0.identity?.flood = full })
        let message = try #require(inserted(plan))
        #expect(message.hold == .flood)
        #expect(plan.eventKinds == [.messageCreated, .identityMuted])
        #expect(
            plan.changes.contains(
                .setFlood(F.identity.id, FloodState(windowStart: full.windowStart, count: 21, mutedUntil: F.now.addingTimeInterval(600)))
            )
        )
        #expect(!plan.changes.contains { if case .clientWrote = $0 { true } else { false } })

        let muted = FloodState(windowStart: full.windowStart, count: 21, mutedUntil: F.now.addingTimeInterval(600))
        let next = F.decide(F.event(F.message("and again")), F.snapshot(latest: open) { $0.identity?.flood = muted })
        #expect(next.eventKinds == [.messageCreated])
        #expect(try #require(inserted(next)).hold == .flood)
    }

    @Test func aMessageUnderTheLimitIsCountedAndHandledAsUsual() throws {
        let open = LatestConversation(conversation: F.conversation(.open))
        let plan = F.decide(F.event(F.message("one")), F.snapshot(latest: open))
        #expect(try #require(inserted(plan)).hold == nil)
        #expect(plan.changes.contains(.setFlood(F.identity.id, FloodState(windowStart: F.now, count: 1))))
        #expect(plan.changes.contains { if case .clientWrote = $0 { true } else { false } })
    }

    @Test func banningAuditsAndLiftingAuditsOnceAndRepeatingChangesNothing() throws {
        let actor = AuditActor(kind: .operator, id: OperatorID(3), name: "Sofia")
        let banned = try #require(ContactBan.change(contact: ContactID(5), from: nil, reason: "spam", actor: actor, at: F.now))
        #expect(banned.ban == ContactBan(reason: "spam", bannedBy: "Sofia", bannedAt: F.now))
        #expect(banned.audit.action == "contact.banned")
        #expect(banned.audit.changes["ban"] == AuditChange(from: .null, to: .string("spam")))
        #expect(ContactBan.change(contact: ContactID(5), from: banned.ban, reason: "spam", actor: actor, at: F.now) == nil)
        let lifted = try #require(ContactBan.change(contact: ContactID(5), from: banned.ban, reason: nil, actor: actor, at: F.now))
        #expect(lifted.ban == nil)
        #expect(lifted.audit.action == "contact.unbanned")
        #expect(ContactBan.change(contact: ContactID(5), from: nil, reason: nil, actor: actor, at: F.now) == nil)
        #expect(throws: StoreError.self) { try ContactBan.reason("   ") }
    }
}
