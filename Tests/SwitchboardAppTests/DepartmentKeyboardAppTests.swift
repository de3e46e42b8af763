import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct DepartmentKeyboardAppTests {
    let user = FakeTelegram.User(id: 5_000_000_088, firstName: "Iryna", languageCode: "en")

    @Test func aTelegramClientPicksATeamFromTheInlineKeyboard() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving(automation: true) { switchboard in
            _ = try await switchboard.store.createDepartment(name: "Billing", routing: QueueRouting())
            let delivery = try await switchboard.store.createDepartment(name: "Delivery", routing: QueueRouting()).department
            try await switchboard.store.saveChannelRouting(ChannelRouting(channelID: channel.id, defaultDepartmentID: nil, askDepartment: true))

            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "my parcel is lost")
            try await eventually("the keyboard reached the client") {
                await !harness.telegram.sentMessages(bot: TelegramAppHarness.token, chatId: user.id).isEmpty
            }
            let asked = try #require(await harness.telegram.sentMessages(bot: TelegramAppHarness.token, chatId: user.id).first)
            #expect(asked.text?.hasSuffix("Which team can help you?") == true)

            _ = try await harness.telegram.pressInlineButton(
                bot: TelegramAppHarness.token,
                from: user,
                messageId: try #require(asked.messageIds.first),
                label: "Delivery"
            )

            try await eventually("queued for Delivery") { try await switchboard.store.conversation(ConversationID(1))?.departmentID == delivery.id }
            // The press is an answer to the keyboard, not a message of the client.
            #expect(
                try await switchboard.store.messages(in: ConversationID(1)).filter { $0.direction == .inbound }.map(\.text) == ["my parcel is lost"]
            )
        }
    }
}
