import Foundation
import SwitchboardCore
import Testing

@Suite struct TopicPlanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let subject = TopicSubject(clientName: "Ann", channelName: "tg", card: ClientCard(name: "Ann", language: "en", messengers: [], context: nil))

    func job(_ kind: TopicJobKind, topic: StaffTopic? = nil, partsDone: Int = 0, message: Message? = nil) -> TopicJob {
        TopicJob(
            id: 1,
            channelID: ChannelID(3),
            conversationID: ConversationID(9),
            kind: kind,
            partsDone: partsDone,
            topic: topic,
            subject: subject,
            message: message
        )
    }

    func topic(chat: Int64 = -100, cardSent: Bool = true) -> StaffTopic {
        StaffTopic(conversationID: ConversationID(9), channelID: ChannelID(3), chatID: chat, threadID: 44, cardSent: cardSent)
    }

    @Test func theFirstMirrorMakesTheTopicAndItsCardThenSendsWhatIsLeft() {
        let photo = SwitchboardCore.Attachment(kind: .photo, externalFileID: "F1")
        let message = Message(
            id: MessageID(5),
            conversationID: ConversationID(9),
            direction: .inbound,
            author: .client,
            text: "hi",
            attachments: [photo],
            createdAt: now
        )
        #expect(
            TopicJobPlan.steps(job(.mirror(MessageID(5)), message: message), staffChatID: -100)
                == [.createTopic(name: "Ann · tg"), .sendCard(subject.card.text), .send(.text("👤 hi")), .send(.file(.photo, fileID: "F1"))]
        )
        // A topic whose card did not go out yet gets it first; parts already sent are skipped.
        #expect(
            TopicJobPlan.steps(job(.mirror(MessageID(5)), topic: topic(cardSent: false), partsDone: 1, message: message), staffChatID: -100)
                == [.sendCard(subject.card.text), .send(.file(.photo, fileID: "F1"))]
        )
        // A topic in a staff group that is no longer the channel's is not reused.
        #expect(
            TopicJobPlan.steps(job(.mirror(MessageID(5)), topic: topic(chat: -200), message: message), staffChatID: -100).first
                == .createTopic(name: "Ann · tg")
        )
    }

    @Test func closingAConversationWithoutATopicDoesNothing() {
        #expect(TopicJobPlan.steps(job(.close), staffChatID: -100).isEmpty)
        #expect(TopicJobPlan.steps(job(.close, topic: topic()), staffChatID: -100) == [.close])
        #expect(TopicJobPlan.steps(job(.reopen, topic: topic()), staffChatID: -100) == [.reopen])
        #expect(TopicJobPlan.steps(job(.notice("x"), topic: topic()), staffChatID: -100) == [.send(.text("x"))])
    }

    @Test func aStaffAnswerTakesAnUnassignedConversationAndARedeliveryDoesNothing() {
        let olga = StaffOperator(id: OperatorID(5), login: "olga", displayName: "Olga")
        let update = StaffUpdate(
            channelID: ChannelID(3),
            updateID: 77,
            chatID: -100,
            threadID: 44,
            messageID: 12,
            senderID: 600,
            senderName: "Olga S",
            text: "On it"
        )
        let fresh = StaffSnapshot(alreadyHandled: false, sender: olga, conversationID: ConversationID(9))
        #expect(
            StaffPlan.effects(update, snapshot: fresh, now: now) == [
                .assign(ConversationID(9), to: olga.id, by: olga.id),
                .reply(ReplyDraft(conversationID: ConversationID(9), operatorID: olga.id, text: "On it"), topicMessageID: 12),
            ]
        )
        var held = fresh
        held.assigneeID = OperatorID(8)
        #expect(StaffPlan.effects(update, snapshot: held, now: now).count == 1)
        var redelivered = fresh
        redelivered.alreadyHandled = true
        #expect(StaffPlan.effects(update, snapshot: redelivered, now: now).isEmpty)

        var stranger = fresh
        stranger.sender = nil
        guard case .notice(let draft) = StaffPlan.effects(update, snapshot: stranger, now: now).first else {
            Issue.record("an unlinked member gets a notice")
            return
        }
        #expect(draft.kind == .notice(StaffMessageRule.unlinkedRefusal))
        #expect(draft.source == "update:3:77")
        #expect(draft.conversationID == ConversationID(9))
    }

    @Test func aLinkCodeLinksOnlyWhileItIsValid() {
        let olga = StaffOperator(id: OperatorID(5), login: "olga", displayName: "Olga")
        let update = StaffUpdate(
            channelID: ChannelID(3),
            updateID: 78,
            chatID: -100,
            threadID: nil,
            messageID: 13,
            senderID: 600,
            senderName: "Olga S",
            text: "/link 12345678"
        )
        let valid = StaffSnapshot(alreadyHandled: false, sender: nil, conversationID: nil, codeOwner: olga)
        #expect(StaffPlan.effects(update, snapshot: valid, now: now).first == .link(telegramUserID: 600, operatorID: olga.id, code: "12345678"))
        let expired = StaffSnapshot(alreadyHandled: false, sender: nil, conversationID: nil, codeOwner: nil)
        let effects = StaffPlan.effects(update, snapshot: expired, now: now)
        #expect(effects.count == 1)
        if case .notice(let draft) = effects.first { #expect(draft.threadID == nil) } else { Issue.record("expected a notice") }
    }
}
