import Foundation
import MediaFiles
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

/// A reply that becomes several Bot API calls reaches the client once per part, whatever fails in between.
@Suite struct MultipartRetryTests {
    let token = TelegramHarness.token

    @Test func aRateLimitedSecondPartIsSentOnceAndTheFirstIsNotRepeated() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        let outbound = OutboundHarness(base: harness, clock: clock)
        let chat = TelegramHarness.user(21).id
        let conversation = try await outbound.conversation(chatID: chat)
        let text = String(repeating: "word ", count: 1800) + "end"

        // Given Telegram answers the second sendMessage of a 9,000-character reply with 429 retry_after 1
        try await harness.telegram.failNext(bot: token, method: "sendMessage", with: .tooManyRequests(retryAfter: 1), after: 1)
        let reply = try await outbound.reply(text, in: conversation, at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        #expect(try await outbound.state(of: reply, in: conversation).0 == .queued)

        // When the retry is due
        clock.advance(by: 1)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // Then the client got each of the three parts exactly once, in order
        let sent = await harness.telegram.sentMessages(bot: token, chatId: chat)
        #expect(sent.count == 3)
        #expect(sent.compactMap(\.text).joined(separator: " ") == "Maria\n" + text)
        let stored = try #require(try await harness.fixture.store.messages(in: conversation).first { $0.id == reply })
        #expect(stored.deliveryState == .sent)
        #expect(stored.externalID == sent.flatMap(\.messageIds).map { "\(chat):\($0)" }.joined(separator: ","))
        #expect(await harness.telegram.calls(bot: token, method: "sendMessage").count == 4)
    }

    @Test func aRateLimitedFileAfterItsTextIsSentOnceAndTheTextIsNotRepeated() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 1 << 20)
        let outbound = OutboundHarness(base: harness, clock: clock, media: media)
        let chat = TelegramHarness.user(22).id
        let conversation = try await outbound.conversation(chatID: chat)
        let path = try await media.store(Data("%PDF-1.7 fake invoice".utf8), key: "outbound/invoice", fileExtension: "pdf")
        let invoice = SwitchboardCore.Attachment(kind: .document, fileName: "invoice.pdf", mimeType: "application/pdf", storedPath: path)
        // Longer than a caption may be, so the text goes first and the file after it
        let text = String(repeating: "details ", count: 200)

        // Given Telegram answers the file with 429 retry_after 2
        try await harness.telegram.failNext(bot: token, method: "sendDocument", with: .tooManyRequests(retryAfter: 2))
        let reply = try await outbound.reply(text, in: conversation, attachments: [invoice], at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // When the retry is due
        clock.advance(by: 2)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // Then the text arrived once, then the file once
        let sent = await harness.telegram.sentMessages(bot: token, chatId: chat)
        #expect(sent.map(\.method) == ["sendMessage", "sendDocument"])
        #expect(try await outbound.state(of: reply, in: conversation).0 == .sent)
    }

    @Test func aReplyThatFailsForGoodAfterSomePartsSaysSo() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness)
        let chat = TelegramHarness.user(23).id
        let conversation = try await outbound.conversation(chatID: chat)

        // Given the client blocks the bot after the first part arrived
        try await harness.telegram.failNext(bot: token, method: "sendMessage", with: .forbiddenBlocked, after: 1)
        let reply = try await outbound.reply(String(repeating: "word ", count: 1000), in: conversation)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // Then the reply failed, and the operator reads that one part reached the client
        let (state, reason) = try await outbound.state(of: reply, in: conversation)
        #expect(state == .failed)
        #expect(reason?.hasSuffix("(1 part was delivered before this)") == true)
    }
}
