import Foundation
import SwitchboardCore
import Testing

/// Group chats: who wrote, which messages are for the desk, and a group that changes its chat id.
@Suite struct GroupIngestTests {
    typealias F = IngestFixtures
    static let anna = GroupMember(externalID: "501", displayName: "Anna Koval", username: "anna_k")

    static func groupEvent(_ text: String, facts: GroupMessageFacts) -> InboundEvent {
        var event = F.event(F.message(text), sender: SenderProfile(externalID: "42", displayName: "Acme staff"))
        event.group = facts
        return event
    }

    @Test func anAddressedGroupMessageKeepsItsAuthorAndOpensTheGroupsConversation() {
        let event = Self.groupEvent("@desk_bot help", facts: GroupMessageFacts(member: Self.anna, mentionsBot: true))
        let plan = F.decide(event, F.snapshot())
        #expect(plan.eventKinds == [.conversationOpened, .messageCreated])
        guard case .insertClientMessage(let message, _)? = plan.changes.first(where: { if case .insertClientMessage = $0 { true } else { false } })
        else {
            Issue.record("no message stored: \(plan.changes)")
            return
        }
        #expect(message.member == Self.anna)
        #expect(message.author == .client)
    }

    @Test func chatterWithoutAConversationOpensNothing() {
        let plan = F.decide(Self.groupEvent("lunch?", facts: GroupMessageFacts(member: Self.anna)), F.snapshot())
        #expect(plan.conversationID == nil && plan.messageID == nil)
        #expect(!plan.changes.contains { if case .openConversation = $0 { true } else { false } })
        #expect(plan.events.isEmpty)
    }

    @Test func chatterJoinsTheLatestConversationAsContextWithoutReopeningOrQueueingIt() {
        let latest = LatestConversation(conversation: F.conversation(.resolved, resolvedAt: F.now.addingTimeInterval(-60)))
        let plan = F.decide(Self.groupEvent("lunch?", facts: GroupMessageFacts(member: Self.anna)), F.snapshot(latest: latest))
        #expect(plan.conversationID == ConversationID(7))
        #expect(plan.eventKinds == [.messageCreated])
        let rowChanges = plan.changes.filter { if case .updateIdentityProfile = $0 { false } else { true } }
        #expect(rowChanges.count == 1, "no status, queue or waiting change: \(rowChanges)")
        guard case .insertClientMessage(let message, _)? = rowChanges.first else {
            Issue.record("not stored as context: \(plan.changes)")
            return
        }
        #expect(message.member == Self.anna)
    }

    @Test func theChannelSettingMakesEveryGroupMessageAddressed() {
        let channel = IngestChannel(id: F.channel, answersEveryGroupMessage: true)
        let plan = F.decide(Self.groupEvent("lunch?", facts: GroupMessageFacts(member: Self.anna)), F.snapshot(channel: channel))
        #expect(plan.eventKinds == [.conversationOpened, .messageCreated])
    }

    @Test func aReplyToTheBotOrACommandIsAddressed() {
        #expect(GroupAddressRule.isAddressed(GroupMessageFacts(member: nil, repliesToBot: true), answersEveryGroupMessage: false))
        #expect(GroupAddressRule.isAddressed(GroupMessageFacts(member: nil, isCommand: true), answersEveryGroupMessage: false))
        #expect(!GroupAddressRule.isAddressed(GroupMessageFacts(member: nil), answersEveryGroupMessage: false))
        #expect(GroupAddressRule.isAddressed(nil, answersEveryGroupMessage: false), "private chats are always for the desk")
    }

    @Test func aMigrationMovesTheGroupsIdentityToTheNewChat() {
        let plan = F.decide(F.event(.chatMigrated(toExternalID: "-1001234")), F.snapshot())
        #expect(plan.identityID == F.identity.id)
        #expect(plan.changes == [.moveIdentity(F.identity.id, externalID: "-1001234")])
        #expect(plan.eventKinds == [.identityUpdated])
    }

    @Test func aMigrationToAChatWithItsOwnIdentityMarksTheOldOneUnreachable() {
        let target = IdentityRow(identity: Identity(id: IdentityID(9), contactID: ContactID(9), channelID: F.channel, externalID: "-1001234"))
        let plan = F.decide(F.event(.chatMigrated(toExternalID: "-1001234")), F.snapshot { $0.migrationTarget = target })
        #expect(plan.changes == [.setReachable(F.identity.id, false)])
    }

    @Test func aSecondNoticeOfTheSameMoveChangesNothing() {
        let moved = IdentityRow(identity: Identity(id: F.identity.id, contactID: F.identity.contactID, channelID: F.channel, externalID: "-1001234"))
        let plan = F.decide(F.event(.chatMigrated(toExternalID: "-1001234")), F.snapshot(returning: false) { $0.migrationTarget = moved })
        #expect(plan.identityID == F.identity.id)
        #expect(plan.changes.allSatisfy { if case .updateIdentityProfile = $0 { true } else { false } })
    }
}
