import CurlHTTP
import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

/// Automation buttons on Telegram: an inline keyboard out, a callback query back.
@Suite struct ReplyButtonsTests {
    let token = TelegramHarness.token

    @Test func buttonsGoOutAsAnInlineKeyboardAndAPressComesBackAsAButtonPress() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let user = TelegramHarness.user(3)
        let message = OutboundMessage(
            messageID: MessageID(1),
            channelID: harness.channelID,
            recipientExternalID: String(user.id),
            text: "Was your question resolved?",
            sender: Persona(name: "Desk"),
            isFromOperator: false,
            buttons: [ReplyButton(label: "Yes", action: "fb:resolved:yes"), ReplyButton(label: "No", action: "fb:resolved:no")]
        )

        let receipt = try await TelegramAdapter(api: harness.api, media: nil).send(message)

        let sent = try #require(await harness.telegram.sentMessages(bot: token, chatId: user.id).first)
        #expect(sent.text == "Was your question resolved?")
        let markup = try #require(sent.replyMarkup.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        let row = try #require((markup["inline_keyboard"] as? [[[String: Any]]])?.first)
        #expect(row.map { $0["text"] as? String } == ["Yes", "No"])
        #expect(row.map { $0["callback_data"] as? String } == ["sb:fb:resolved:yes", "sb:fb:resolved:no"])
        #expect(receipt.externalMessageID == "\(user.id):\(sent.messageIds[0])")

        // When the client taps "No", the update maps to a button press for the automation.
        let injected = try await harness.telegram.pressInlineButton(bot: token, from: user, messageId: sent.messageIds[0], label: "No")
        let updates = try await harness.api.getUpdates(offset: nil, timeout: 0)
        let mapped = try #require(
            updates.compactMap { TelegramUpdateMapper(channelID: harness.channelID, botID: nil).map($0, receivedAt: Date()) }.last
        )
        #expect(mapped.updateID == injected.updateId)
        #expect(mapped.event.payload == .buttonPress(action: "fb:resolved:no"))
        #expect(mapped.callbackQueryID != nil)
    }

    @Test func theFakeRefusesMalformedKeyboardsAndUnknownButtons() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let user = TelegramHarness.user(4)
        let base: [String: JSONValue] = ["chat_id": .int(user.id), "text": .string("Rate us")]
        for bad: JSONValue in [
            .object(["inline_keyboard": .array([.array([.object(["text": .string("1")])])])]),
            .object(["inline_keyboard": .array([.array([.object(["text": .string(""), "callback_data": .string("x")])])])]),
            .object([
                "inline_keyboard": .array([.array([.object(["text": .string("1"), "callback_data": .string(String(repeating: "x", count: 65))])])])
            ]),
            .object(["inline_keyboard": .string("1")]),
        ] {
            var parameters = base
            parameters["reply_markup"] = bad
            await #expect(throws: TelegramAPIError.self) { _ = try await harness.api.call("sendMessage", parameters, as: JSONValue.self) }
        }
        #expect(await harness.telegram.sentMessages(bot: token).isEmpty)
        await #expect(throws: FakeTelegram.FakeError.self) {
            try await harness.telegram.pressInlineButton(bot: token, from: user, messageId: 1, label: "5")
        }
    }
}
