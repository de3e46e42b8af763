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

        try await harness.serving(automation: true) { switchboard in
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            try await switchboard.routing.setPresence(maria.id, to: .online)

            // When a Ukrainian client asks for a person
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "Покличте оператора, будь ласка")

            // Then the bot says once, in Ukrainian, that a person is coming (no welcome on top), and then
            // Maria, who got the escalated conversation, is introduced.
            try await eventually("the notice and the greeting reached the client") {
                await harness.telegram.sentMessages(bot: TelegramAppHarness.token).count >= 2
            }
            let sent = await harness.telegram.sentMessages(bot: TelegramAppHarness.token).compactMap(\.text)
            #expect(sent == [AutomationText.escalated.defaultText(.uk), "Вітаємо, Taras! Мене звати Maria. Що сталося?"])
            try await eventually("assigned") { try await switchboard.store.conversation(ConversationID(1))?.assigneeID == maria.id }
            let escalated = try await switchboard.store.conversationSummary(ConversationID(1), viewer: Viewer(operatorID: maria.id, role: .admin))
            #expect(escalated?.escalated == true)
        }
    }
}
