import Accounts
import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// Topic mode end to end: a real server polling the fake Telegram, a client in a private chat and
/// operators in a forum supergroup of the same bot.
@Suite struct TopicModeAppTests {
    static let staff: Int64 = -1_003_300_440_055
    let token = TelegramAppHarness.token
    let client = FakeTelegram.User(id: 5_000_000_777, firstName: "Olena", username: "olena_k", languageCode: "uk")
    let olgaInTelegram = FakeTelegram.User(id: 6_100_000_001, firstName: "Olga", lastName: "Shevchenko")
    let stranger = FakeTelegram.User(id: 6_100_000_999, firstName: "Random", lastName: "Member")

    /// A harness whose channel has the staff group connected (checked with the fake, as an admin would).
    func topicHarness() async throws -> TelegramAppHarness {
        let harness = try await TelegramAppHarness()
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.telegram.addSupergroup(
            bot: token,
            chatId: Self.staff,
            title: "Support staff",
            isForum: true,
            botRole: .administrator(canManageTopics: true)
        )
        for member in [olgaInTelegram, stranger] {
            try await harness.telegram.setChatMember(bot: token, chatId: Self.staff, user: member, role: .member)
        }
        let switchboard = try Switchboard(config: harness.config, logger: harness.logs.logger())
        _ = try await ChannelAdmin(switchboard: switchboard, config: harness.config, actor: .system).connectStaffGroup(channel.id, chatID: Self.staff)
        return harness
    }

    /// Waits for the client's first message to have its topic; returns the topic's thread id.
    func clientWritesAndTopicOpens(_ harness: TelegramAppHarness, text: String) async throws -> Int {
        try await harness.telegram.sendUserMessage(bot: token, from: client, text: text)
        try await eventually("topic made and message mirrored") {
            await harness.telegram.sentMessages(bot: token, chatId: Self.staff).contains { $0.text == "👤 \(text)" }
        }
        return try #require(await harness.telegram.forumTopics(bot: token, chatId: Self.staff).first?.threadId)
    }

    /// Olga signs in to the inbox, gets a code and sends `/link CODE` in the topic.
    func linkOlga(
        _ harness: TelegramAppHarness,
        _ switchboard: Switchboard,
        thread: Int,
        role: OperatorRole = .operator
    ) async throws -> ChannelAdminAPITests.Session {
        let olga = try await ChannelAdminAPITests.Session.signIn(harness, switchboard, role: role, login: "olga")
        let issued = try await olga.call(.post, "/api/v1/operators/me/telegram-link")
        #expect(issued.status == 201)
        let code = try #require(issued.json["code"] as? String)
        try await harness.telegram.sendTopicMessage(bot: token, chatId: Self.staff, threadId: thread, from: olgaInTelegram, text: "/link \(code)")
        try await eventually("linked") { try await olga.call(.get, "/api/v1/operators/me/telegram-link").json["linked"] as? Bool == true }
        return olga
    }

    func clientMessages(_ harness: TelegramAppHarness) async -> [FakeTelegram.SentMessage] {
        await harness.telegram.sentMessages(bot: token, chatId: client.id)
    }

    func topicTexts(_ harness: TelegramAppHarness) async -> [String] {
        await harness.telegram.sentMessages(bot: token, chatId: Self.staff).compactMap(\.text)
    }

    @Test func aClientMessageAppearsInANewTopicThatStartsWithTheClientsCard() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { _ in
            let thread = try await clientWritesAndTopicOpens(harness, text: "My parcel is late")
            let topics = await harness.telegram.forumTopics(bot: token, chatId: Self.staff)
            #expect(topics.map(\.name) == ["Olena · support-tg"])
            let sent = await harness.telegram.sentMessages(bot: token, chatId: Self.staff)
            #expect(sent.count == 2)
            #expect(sent.allSatisfy { $0.messageThreadId == thread })
            let card = try #require(sent.first?.text)
            #expect(card.hasPrefix("Client: Olena\n"))
            #expect(card.contains("Language: uk"))
            #expect(card.contains("Messengers: telegram · support-tg · @olena_k"))
            #expect(sent.last?.text == "👤 My parcel is late")

            // The next message goes into the same topic, once.
            try await harness.telegram.sendUserMessage(bot: token, from: client, text: "Order 4711")
            try await eventually("second message mirrored") { await topicTexts(harness).contains("👤 Order 4711") }
            #expect(await harness.telegram.forumTopics(bot: token, chatId: Self.staff).count == 1)
            #expect(await topicTexts(harness).filter { $0 == "👤 Order 4711" }.count == 1)
            #expect(await harness.telegram.calls(bot: token, method: "createForumTopic").count == 1)
        }
    }

    @Test func aLinkedOperatorsAnswerReachesTheClientOnceSignedAndShowsInTheInbox() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let thread = try await clientWritesAndTopicOpens(harness, text: "Where is my parcel?")
            let olga = try await linkOlga(harness, switchboard, thread: thread)
            try await eventually("link confirmed in the topic") {
                await topicTexts(harness).contains { $0.hasPrefix("Olga Shevchenko is now linked to olga") }
            }

            let answer = try await harness.telegram.sendTopicMessage(
                bot: token,
                chatId: Self.staff,
                threadId: thread,
                from: olgaInTelegram,
                text: "It ships today."
            )
            try await eventually("answer delivered") { await !clientMessages(harness).isEmpty }
            // Signed with the operator's persona, exactly as an inbox reply is.
            #expect(await clientMessages(harness).map(\.text) == ["olga\nIt ships today."])

            let timeline = try await olga.call(.get, "/api/v1/conversations/1/messages")
            let items = try #require(timeline.json["items"] as? [[String: Any]])
            let reply = try #require(items.first { $0["text"] as? String == "It ships today." })
            #expect(reply["direction"] as? String == "out")
            #expect(reply["authorName"] as? String == "olga")

            // A redelivered update stores and sends nothing again; the answer is not mirrored back.
            let redelivered = StaffUpdate(
                channelID: ChannelID(1),
                updateID: answer.updateId,
                chatID: Self.staff,
                threadID: Int64(thread),
                messageID: Int64(answer.messageId ?? 0),
                senderID: olgaInTelegram.id,
                senderName: "Olga Shevchenko",
                text: "It ships today."
            )
            try await switchboard.staffRouter.ingestStaff(redelivered)
            try await switchboard.dispatcher.dispatchDue()
            try await switchboard.topics.fanOut()
            try await switchboard.topics.dispatchDue()
            #expect(await clientMessages(harness).count == 1)
            let again = try await olga.call(.get, "/api/v1/conversations/1/messages").json["items"] as? [[String: Any]] ?? []
            #expect(again.filter { $0["text"] as? String == "It ships today." }.count == 1)
            #expect(await !topicTexts(harness).contains { $0.contains("It ships today.") && $0.hasPrefix("↩️") })
        }
    }

    @Test func anUnlinkedMembersTextNeverReachesTheClient() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let thread = try await clientWritesAndTopicOpens(harness, text: "Hello?")
            try await harness.telegram.sendTopicMessage(bot: token, chatId: Self.staff, threadId: thread, from: stranger, text: "Hi, I am not linked")
            try await eventually("refusal in the topic") { await topicTexts(harness).contains(StaffMessageRule.unlinkedRefusal) }
            try await switchboard.dispatcher.dispatchDue()
            #expect(await clientMessages(harness).isEmpty)
            let stored = try await switchboard.store.messages(in: ConversationID(1))
            #expect(!stored.contains { $0.text.contains("not linked") })
            #expect(
                await harness.telegram.sentMessages(bot: token, chatId: Self.staff).last?.messageThreadId == thread,
                "the refusal is said in the member's topic"
            )
        }
    }

    @Test func aBangNoteStaysPrivate() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let thread = try await clientWritesAndTopicOpens(harness, text: "Refund please")
            _ = try await linkOlga(harness, switchboard, thread: thread)
            try await harness.telegram.sendTopicMessage(
                bot: token,
                chatId: Self.staff,
                threadId: thread,
                from: olgaInTelegram,
                text: "!check the payment first"
            )
            try await eventually("note stored") {
                try await switchboard.store.messages(in: ConversationID(1)).contains { $0.direction == .internalNote }
            }
            let note = try #require(try await switchboard.store.messages(in: ConversationID(1)).first { $0.direction == .internalNote })
            #expect(note.text == "check the payment first")
            try await switchboard.dispatcher.dispatchDue()
            #expect(await clientMessages(harness).isEmpty)
        }
    }

    @Test func resolvingClosesTheTopicAndAClientMessageReopensIt() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            _ = try await clientWritesAndTopicOpens(harness, text: "Thanks, all good")
            try await switchboard.inbox.transition(ConversationID(1), .resolve)
            try await eventually("topic closed") { await harness.telegram.forumTopics(bot: token, chatId: Self.staff).first?.isClosed == true }
            try await harness.telegram.sendUserMessage(bot: token, from: client, text: "One more thing")
            try await eventually("topic reopened with the message") { await topicTexts(harness).contains("👤 One more thing") }
            #expect(await harness.telegram.forumTopics(bot: token, chatId: Self.staff).first?.isClosed == false)
        }
    }

    @Test func anInboxReplyIsMirroredIntoTheTopic() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            _ = try await clientWritesAndTopicOpens(harness, text: "Is anyone there?")
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: maria.id, text: "Yes, Maria here."))
            try await eventually("reply mirrored") { await topicTexts(harness).contains("↩️ Maria (inbox): Yes, Maria here.") }
            #expect(await clientMessages(harness).map(\.text) == ["Maria\nYes, Maria here."])
        }
    }

    @Test func takeTransferAndResolveWorkAsTopicCommands() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let thread = try await clientWritesAndTopicOpens(harness, text: "Help with an invoice")
            _ = try await linkOlga(harness, switchboard, thread: thread)
            // The only operator so far: the one `linkOlga` signed in.
            let olgaID = OperatorID(1)
            #expect(try await switchboard.store.linkedTelegramUser(of: olgaID) == olgaInTelegram.id)
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            func say(_ text: String) async throws {
                try await harness.telegram.sendTopicMessage(bot: token, chatId: Self.staff, threadId: thread, from: olgaInTelegram, text: text)
            }

            try await say("/take")
            try await eventually("taken") { try await switchboard.store.conversation(ConversationID(1))?.assigneeID == olgaID }
            try await say("/transfer Maria")
            try await eventually("transferred") { try await switchboard.store.conversation(ConversationID(1))?.assigneeID == maria.id }
            try await eventually("transfer said in the topic") { await topicTexts(harness).contains("Transferred to Maria.") }
            try await say("/resolve")
            try await eventually("resolved and topic closed") {
                let closed = await harness.telegram.forumTopics(bot: token, chatId: Self.staff).first?.isClosed == true
                return try await switchboard.store.conversation(ConversationID(1))?.status == .resolved && closed
            }
            try await switchboard.dispatcher.dispatchDue()
            #expect(await clientMessages(harness).isEmpty, "commands never reach the client")
        }
    }

    @Test func banIsATopicCommandForSupervisorsOnly() async throws {
        let harness = try await topicHarness()
        defer { Task { await harness.stop() } }
        try await harness.serving { switchboard in
            let thread = try await clientWritesAndTopicOpens(harness, text: "spam spam spam")
            _ = try await linkOlga(harness, switchboard, thread: thread, role: .supervisor)
            let contact = try #require(try await switchboard.store.conversation(ConversationID(1))?.contactID)

            try await harness.telegram.sendTopicMessage(bot: token, chatId: Self.staff, threadId: thread, from: olgaInTelegram, text: "/ban")
            try await eventually("usage said") { await topicTexts(harness).contains { $0.contains("/ban REASON") } }
            #expect(try await switchboard.store.ban(of: contact) == nil)

            try await harness.telegram.sendTopicMessage(
                bot: token,
                chatId: Self.staff,
                threadId: thread,
                from: olgaInTelegram,
                text: "/ban sends adverts"
            )
            try await eventually("banned") { try await switchboard.store.ban(of: contact)?.reason == "sends adverts" }
            try await eventually("ban said in the topic") { await topicTexts(harness).contains { $0.hasPrefix("Banned by") } }
            let audit = try await switchboard.store.auditEntries(AuditQuery())
            #expect(audit.contains { $0.action == "contact.banned" && $0.actor.id == OperatorID(1) })
            try await switchboard.dispatcher.dispatchDue()
            #expect(await clientMessages(harness).isEmpty, "commands never reach the client")
        }
    }
}
