import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// The feedback questions as clients see them: Telegram inline keyboards and Viber keyboards, on the fakes.
@Suite struct FeedbackInMessengerTests {
    static let conversation = ConversationID(1)

    @Test func telegramClientRatesLowAndExplainsWhy() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let user = FakeTelegram.User(id: 5_000_000_042, firstName: "Olena", languageCode: "uk")
        let bot = TelegramAppHarness.token

        try await harness.serving(automation: true) { switchboard in
            try await harness.telegram.sendUserMessage(bot: bot, from: user, text: "Де моя посилка?")
            try await eventually("welcome sent") { await harness.telegram.sentMessages(bot: bot).count == 1 }
            #expect(await harness.telegram.sentMessages(bot: bot).first?.text?.hasPrefix("Вітаємо, Olena!") == true)
            try await switchboard.inbox.transition(Self.conversation, .resolve)

            let question = try await Self.nextTelegramMessage(harness, count: 2)
            #expect(question.text == "Ваше питання вирішено?")
            #expect(question.replyMarkup?.contains("\"callback_data\":\"sb:fb:resolved:no\"") == true)
            try await harness.telegram.pressInlineButton(bot: bot, from: user, messageId: question.messageIds[0], label: "Ні")
            let score = try await Self.nextTelegramMessage(harness, count: 3)
            #expect(score.text == "Оцініть нас від 1 до 5")
            try await harness.telegram.pressInlineButton(bot: bot, from: user, messageId: score.messageIds[0], label: "2")
            #expect(try await Self.nextTelegramMessage(harness, count: 4).text == "Що пішло не так?")
            try await harness.telegram.sendUserMessage(bot: bot, from: user, text: "Чекала три дні")
            #expect(try await Self.nextTelegramMessage(harness, count: 5).text == "Дякуємо за відгук!")

            let feedback = try #require(try await switchboard.store.feedback(Self.conversation))
            #expect(feedback.resolved == false && feedback.score == 2 && feedback.comment == "Чекала три дні")
            #expect(try await switchboard.store.conversation(Self.conversation)?.status == .resolved)
            let clientTexts = try await switchboard.store.messages(in: Self.conversation).filter { $0.author == .client }.map(\.text)
            #expect(clientTexts == ["Де моя посилка?"])
            // Each press was answered, so the client's button stopped spinning.
            #expect(await harness.telegram.calls(bot: bot, method: "answerCallbackQuery").count == 2)
        }
    }

    @Test func telegramClientWhoWritesSomethingElseSkipsTheFeedback() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let user = FakeTelegram.User(id: 5_000_000_043, firstName: "John", languageCode: "en")
        let bot = TelegramAppHarness.token

        try await harness.serving(automation: true) { switchboard in
            try await harness.telegram.sendUserMessage(bot: bot, from: user, text: "Where is my parcel?")
            try await eventually("welcome sent") { await harness.telegram.sentMessages(bot: bot).count == 1 }
            try await switchboard.inbox.transition(Self.conversation, .resolve)
            #expect(try await Self.nextTelegramMessage(harness, count: 2).text == "Was your question resolved?")

            try await harness.telegram.sendUserMessage(bot: bot, from: user, text: "Can I change the address?")

            try await eventually("feedback skipped") { try await switchboard.store.feedback(Self.conversation)?.stage == .skipped }
            #expect(try await switchboard.store.conversation(Self.conversation)?.status == .open)
            #expect(try await switchboard.store.messages(in: Self.conversation).last?.text == "Can I change the address?")
            try await switchboard.inbox.transition(Self.conversation, .resolve)
            try await switchboard.automation.catchUp()
            #expect(await harness.telegram.sentMessages(bot: bot).count == 2)
        }
    }

    @Test func viberClientRatesLowAndExplainsWhy() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        let olena = FakeViber.User(id: "Ol3na+/kovalenko==", name: "Olena", language: "ru")
        let bot = ViberAppHarness.token

        try await harness.serving(automation: true) { switchboard in
            try await harness.viber.userSends(bot: bot, user: olena, message: .text("Где мой заказ?"))
            _ = try await Self.nextViberMessage(harness, olena, count: 1)
            try await switchboard.inbox.transition(Self.conversation, .resolve)

            let question = try await Self.nextViberMessage(harness, olena, count: 2)
            #expect(question.text == "Ваш вопрос решён?")
            let buttons = question.keyboardObject?["Buttons"] as? [[String: Any]]
            #expect(buttons?.map { $0["Text"] as? String } == ["Да", "Нет"])
            #expect(buttons?.first?["ActionType"] as? String == "reply")
            try await harness.viber.userTapsKeyboardButton(bot: bot, user: olena, label: "Да")
            #expect(try await Self.nextViberMessage(harness, olena, count: 3).text == "Оцените нас от 1 до 5")
            try await harness.viber.userTapsKeyboardButton(bot: bot, user: olena, label: "1")
            #expect(try await Self.nextViberMessage(harness, olena, count: 4).text == "Что пошло не так?")
            try await harness.viber.userSends(bot: bot, user: olena, message: .text("Никто не ответил"))
            #expect(try await Self.nextViberMessage(harness, olena, count: 5).text == "Спасибо за отзыв!")

            let feedback = try #require(try await switchboard.store.feedback(Self.conversation))
            #expect(feedback.resolved == true && feedback.score == 1 && feedback.comment == "Никто не ответил")
            let clientTexts = try await switchboard.store.messages(in: Self.conversation).filter { $0.author == .client }.map(\.text)
            #expect(clientTexts == ["Где мой заказ?"])
        }
    }

    @Test func viberClientWhoWritesSomethingElseSkipsTheFeedback() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        let john = FakeViber.User(id: "J0hn+/smith==", name: "John")
        let bot = ViberAppHarness.token

        try await harness.serving(automation: true) { switchboard in
            try await harness.viber.userSends(bot: bot, user: john, message: .text("Where is my order?"))
            _ = try await Self.nextViberMessage(harness, john, count: 1)
            try await switchboard.inbox.transition(Self.conversation, .resolve)
            #expect(try await Self.nextViberMessage(harness, john, count: 2).text == "Was your question resolved?")

            try await harness.viber.userSends(bot: bot, user: john, message: .text("Actually, one more question"))

            try await eventually("feedback skipped") { try await switchboard.store.feedback(Self.conversation)?.stage == .skipped }
            #expect(try await switchboard.store.conversation(Self.conversation)?.status == .open)
            #expect(try await switchboard.store.messages(in: Self.conversation).last?.text == "Actually, one more question")
        }
    }

    /// A tap on a Viber keyboard arrives as text, so a client who types a button's data must not press it.
    @Test func viberClientWhoTypesAButtonsDataWritesAMessage() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        let john = FakeViber.User(id: "J0hn+/typist==", name: "John")
        let bot = ViberAppHarness.token

        try await harness.serving(automation: true) { switchboard in
            try await harness.viber.userSends(bot: bot, user: john, message: .text("Where is my order?"))
            _ = try await Self.nextViberMessage(harness, john, count: 1)
            try await switchboard.inbox.transition(Self.conversation, .resolve)
            #expect(try await Self.nextViberMessage(harness, john, count: 2).text == "Was your question resolved?")

            try await harness.viber.userSends(bot: bot, user: john, message: .text("sb:fb:resolved:yes"))

            try await eventually("feedback skipped") { try await switchboard.store.feedback(Self.conversation)?.stage == .skipped }
            #expect(try await switchboard.store.feedback(Self.conversation)?.resolved == nil)
            #expect(try await switchboard.store.messages(in: Self.conversation).last?.text == "sb:fb:resolved:yes")
            #expect(await harness.viber.sentMessages(bot: bot, receiver: john.id).count == 2)
        }
    }

    /// Waits until the bot has sent `count` Telegram messages and returns the last.
    static func nextTelegramMessage(_ harness: TelegramAppHarness, count: Int) async throws -> FakeTelegram.SentMessage {
        let bot = TelegramAppHarness.token
        try await eventually("message \(count) sent") { await harness.telegram.sentMessages(bot: bot).count >= count }
        return try #require(await harness.telegram.sentMessages(bot: bot).last)
    }

    /// Waits until the bot has sent `count` Viber messages to the user and returns the last.
    static func nextViberMessage(_ harness: ViberAppHarness, _ user: FakeViber.User, count: Int) async throws -> FakeViber.SentMessage {
        let bot = ViberAppHarness.token
        try await eventually("message \(count) sent") { await harness.viber.sentMessages(bot: bot, receiver: user.id).count >= count }
        return try #require(await harness.viber.sentMessages(bot: bot, receiver: user.id).last)
    }
}
