import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct TelegramChannelAppTests {
    let user = FakeTelegram.User(id: 5_000_000_042, firstName: "Olena", username: "olena_k", languageCode: "uk")

    @Test func wrongTokenIsRefusedWithAClearErrorAndNothingIsSaved() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let error = await #expect(throws: ChannelAdminError.self) {
            try await harness.addChannel(mode: .poll, token: "7000000001:not-the-right-token")
        }
        #expect(error?.description.contains("rejected the token") == true)
        #expect(error?.description.contains("not-the-right") == false)
        #expect(try await harness.listOutput() == "no channels")
    }

    @Test func pollingChannelStoresClientMessagesAndSendsRepliesWithoutLeakingTheToken() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        #expect(channel.persona.name == "Desk")

        try await harness.serving { switchboard in
            // A client writes; the poller started by `serve` brings it in.
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "/start order-4711")
            var conversation: Conversation?
            try await eventually("message stored") {
                conversation = try await switchboard.store.conversation(ConversationID(1))
                return conversation != nil
            }
            #expect(conversation?.contextKey == "order-4711")
            // An operator answers; the dispatcher sends through the registered adapter.
            let agent = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: agent.id, text: "Hi Olena!"))
            try await eventually("reply sent") { await !harness.telegram.sentMessages(bot: TelegramAppHarness.token).isEmpty }
            #expect(await harness.telegram.sentMessages(bot: TelegramAppHarness.token).first?.text == "Maria\nHi Olena!")
        }

        // The token is in no byte of the database, no log line and not in `channel list`.
        let list = try await harness.listOutput()
        #expect(list.contains("support-tg"))
        #expect(list.contains("••••TOKN"))
        for secretPart in [TelegramAppHarness.token, "AAH-app-test-token"] {
            #expect(try harness.databaseBytes().range(of: Data(secretPart.utf8)) == nil)
            #expect(!harness.logs.text.contains(secretPart))
            #expect(!list.contains(secretPart))
        }
        #expect(harness.logs.count > 0)
    }
}
