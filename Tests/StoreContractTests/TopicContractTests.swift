import Foundation
import SwitchboardCore
import Testing

/// Topic mode's storage: the topic-job queue and the staff group's inbound side.
@Suite struct TopicContractTests {
    @Test(arguments: StoreFactory.all)
    func aJobIsQueuedOncePerCauseAndEachConversationWaitsForItsOldestJob(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let first = try await desk.conversation(from: "u-1", at: desk.at(0))
            let second = try await desk.conversation(from: "u-2", at: desk.at(1))
            let latest = try await desk.store.latestSeq()
            func draft(_ conversation: ConversationID, _ kind: TopicJobKind, _ source: String) -> TopicJobDraft {
                TopicJobDraft(channelID: desk.channel.id, conversationID: conversation, kind: kind, source: source, queuedAt: desk.at(2))
            }
            let page = [draft(first, .notice("one"), "event:1"), draft(first, .close, "event:2"), draft(second, .notice("two"), "event:3")]
            try await desk.store.enqueueTopicJobs(page, through: latest)
            // The same page again (a fan-out that ran twice) queues nothing new.
            try await desk.store.enqueueTopicJobs(page, through: latest)
            #expect(try await desk.store.topicFanOutCursor() == latest)

            let claimed = try await desk.store.claimTopicJobs(limit: 10, now: desk.at(3), lease: 30)
            #expect(claimed.map(\.kind) == [.notice("one"), .notice("two")])
            #expect(claimed.first?.subject?.clientName == "Client u-1")
            #expect(claimed.first?.subject?.channelName == "support")
            #expect(try await desk.store.claimTopicJobs(limit: 10, now: desk.at(4), lease: 30).isEmpty, "leased")

            let head = try #require(claimed.first)
            try await desk.store.recordTopicJob(.retry(id: head.id, at: desk.at(10), reason: "429", partsDone: 1))
            try await desk.store.saveStaffTopic(
                StaffTopic(conversationID: first, channelID: desk.channel.id, chatID: -1_001, threadID: 7, cardSent: true),
                at: desk.at(5)
            )
            let retried = try await desk.store.claimTopicJobs(limit: 10, now: desk.at(10), lease: 30).filter { $0.conversationID == first }
            #expect(retried.map(\.partsDone) == [1])
            #expect(retried.first?.topic?.threadID == 7)
            try await desk.store.recordTopicJob(.done(id: head.id))
            let next = try await desk.store.claimTopicJobs(limit: 10, now: desk.at(100), lease: 30).filter { $0.conversationID == first }
            #expect(next.map(\.kind) == [.close])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aStaffUpdateIsAppliedOnceAndItsReplyIsKnownToComeFromTheTopic(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let conversation = try await desk.conversation(at: desk.at(0))
            try await desk.store.saveStaffTopic(
                StaffTopic(conversationID: conversation, channelID: desk.channel.id, chatID: -1_001, threadID: 7, cardSent: true),
                at: desk.at(1)
            )
            try await desk.store.issueTelegramLinkCode("12345678", for: desk.agent.id, expiresAt: desk.at(600))
            let link = StaffUpdate(
                channelID: desk.channel.id,
                updateID: 1,
                chatID: -1_001,
                threadID: 7,
                messageID: 20,
                senderID: 61,
                senderName: "Maria M",
                text: "/link 12345678"
            )
            let before = try await desk.store.staffSnapshot(link, linkCode: "12345678", at: desk.at(2))
            #expect(before.conversationID == conversation)
            #expect(before.codeOwner?.id == desk.agent.id)
            #expect(before.sender == nil)
            _ = try await desk.store.applyStaff(
                link,
                effects: [.link(telegramUserID: 61, operatorID: desk.agent.id, code: "12345678")],
                at: desk.at(2)
            )
            #expect(try await desk.store.linkedTelegramUser(of: desk.agent.id) == 61)
            #expect(try await desk.store.staffSnapshot(link, linkCode: "12345678", at: desk.at(3)).codeOwner == nil, "the code is used up")

            let answer = StaffUpdate(
                channelID: desk.channel.id,
                updateID: 2,
                chatID: -1_001,
                threadID: 7,
                messageID: 21,
                senderID: 61,
                senderName: "Maria M",
                text: "Hi"
            )
            let snapshot = try await desk.store.staffSnapshot(answer, linkCode: nil, at: desk.at(4))
            #expect(snapshot.sender?.id == desk.agent.id)
            #expect(!snapshot.alreadyHandled)
            let effects: [StaffEffect] = [.reply(ReplyDraft(conversationID: conversation, operatorID: desk.agent.id, text: "Hi"), topicMessageID: 21)]
            let events = try await desk.store.applyStaff(answer, effects: effects, at: desk.at(4))
            #expect(events.contains { $0.kind == .messageCreated })
            #expect(try await desk.store.applyStaff(answer, effects: effects, at: desk.at(5)).isEmpty)
            #expect(try await desk.store.staffSnapshot(answer, linkCode: nil, at: desk.at(5)).alreadyHandled)
            let replies = try await desk.store.messages(in: conversation).filter { $0.direction == .outbound }
            #expect(replies.map(\.text) == ["Hi"])
            let fanOut = try await desk.store.topicFanOutSnapshot(for: events)
            #expect(fanOut.fromTopic == Set(replies.map(\.id)))
            #expect(fanOut.channelOf[conversation] == desk.channel.id)
        }
    }
}
