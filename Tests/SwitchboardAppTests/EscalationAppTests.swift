import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct EscalationAppTests {
    let user = FakeTelegram.User(id: 5_000_000_077, firstName: "Taras", username: "taras", languageCode: "uk")

    @Test func aTelegramClientWhoAsksForAHumanIsToldOnceAndGetsTheOnlineOperator() async throws {
        // Given a polling Telegram channel and Maria online
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)

        try await harness.serving { switchboard in
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator))
            try await switchboard.routing.setPresence(maria.id, to: .online)

            // When a Ukrainian client asks for a person
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "Покличте оператора, будь ласка")

            // Then the bot answers once in Ukrainian, and Maria holds the escalated conversation
            try await eventually("the notice reached the client") {
                await !harness.telegram.sentMessages(bot: TelegramAppHarness.token).isEmpty
            }
            let sent = await harness.telegram.sentMessages(bot: TelegramAppHarness.token)
            #expect(sent.count == 1)
            #expect(sent.first?.text?.hasSuffix(EscalationNotice.texts["uk"]!) == true)
            try await eventually("assigned") { try await switchboard.store.conversation(ConversationID(1))?.assigneeID == maria.id }
            let escalated = try await switchboard.store.conversationSummary(ConversationID(1), viewer: Viewer(operatorID: maria.id, role: .admin))
            #expect(escalated?.escalated == true)
        }
    }
}
