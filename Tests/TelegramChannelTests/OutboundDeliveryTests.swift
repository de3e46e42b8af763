import CurlHTTP
import Foundation
import MediaFiles
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

@Suite struct OutboundDeliveryTests {
    let token = TelegramHarness.token

    @Test func retryAfterDelaysExactlyThatChatWhileOthersContinue() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        let outbound = OutboundHarness(base: harness, clock: clock)
        let (a, b, c) = (TelegramHarness.user(1).id, TelegramHarness.user(2).id, TelegramHarness.user(3).id)
        let conversationA = try await outbound.conversation(chatID: a)
        let conversationB = try await outbound.conversation(chatID: b)
        let conversationC = try await outbound.conversation(chatID: c)

        // Given Telegram answers the next send with 429 retry_after 1
        try await harness.telegram.failNext(bot: token, method: "sendMessage", with: .tooManyRequests(retryAfter: 1))
        let delayed = try await outbound.reply("to A", in: conversationA, at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        #expect(try await outbound.state(of: delayed, in: conversationA).0 == .queued)
        #expect(try await harness.fixture.store.nextOutboxDue() == clock.now().addingTimeInterval(1))

        // When replies to B and C are sent meanwhile, they go at once; A waits exactly its second
        try await outbound.reply("to B", in: conversationB, at: clock.now())
        try await outbound.reply("to C", in: conversationC, at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 2)
        #expect(await harness.telegram.sentMessages(bot: token, chatId: b).count == 1)
        #expect(await harness.telegram.sentMessages(bot: token, chatId: c).count == 1)
        #expect(await harness.telegram.sentMessages(bot: token, chatId: a).isEmpty)
        clock.advance(by: 0.9)
        #expect(try await outbound.dispatcher.dispatchDue() == 0)
        clock.advance(by: 0.1)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // Then A arrives once, after the others
        let toA = await harness.telegram.sentMessages(bot: token, chatId: a)
        #expect(toA.map(\.text) == ["Maria\nto A"])
        #expect(try await outbound.state(of: delayed, in: conversationA).0 == .sent)
        let toB = try #require(await harness.telegram.sentMessages(bot: token, chatId: b).first)
        #expect(toA[0].receivedAt > toB.receivedAt)
    }

    @Test func blockedUserMarksTheIdentityUnreachableAndTheReplyFailed() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness)
        let chat = TelegramHarness.user(7).id
        let conversation = try await outbound.conversation(chatID: chat)
        await harness.telegram.blockUser(chatId: chat)

        let reply = try await outbound.reply("are you there?", in: conversation)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        let (state, reason) = try await outbound.state(of: reply, in: conversation)
        #expect(state == .failed)
        #expect(reason == "Forbidden: bot was blocked by the user")
        let contact = try #require(try await harness.fixture.store.conversation(conversation)?.contactID)
        #expect(try await harness.fixture.store.identities(of: contact).first?.isReachable == false)
    }

    @Test func tenThousandCharacterReplyArrivesSplitAtLineBoundaries() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness)
        let chat = TelegramHarness.user(8).id
        let conversation = try await outbound.conversation(chatID: chat)
        // 10,000 characters in lines of 100 (99 + newline), with some Cyrillic and an emoji per line
        let prefix = "Рядок — line with emoji 🙂 "
        let line = prefix + String(repeating: "x", count: 99 - prefix.count)
        let text = String((0..<100).map { _ in line + "\n" }.joined().dropLast())
        #expect(text.count == 9_999)

        try await outbound.reply(text, in: conversation)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        try await eventually("parts arrive") { await harness.telegram.sentMessages(bot: token, chatId: chat).count == 3 }

        let parts = await harness.telegram.sentMessages(bot: token, chatId: chat)
        #expect(parts.allSatisfy { ($0.text ?? "").utf16.count <= 4096 })
        #expect(parts.allSatisfy { $0.parseMode == nil })
        #expect(parts.compactMap(\.text).joined(separator: "\n") == "Maria\n" + text)
        #expect(parts[0].parameters["entities"]?.contains("\"bold\"") == true)
        #expect(parts[1].parameters["entities"] == nil)
    }

    @Test(arguments: ["<b>not bold</b> & <i>", "*_[bold](x) `code` ~~ || \\", "a_b*c[d]e(f)g~h`i>j#k+l-m=n|o{p}q.r!s"])
    func hostileTextArrivesExactlyAsTyped(hostile: String) async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness)
        let chat = TelegramHarness.user(9).id
        let conversation = try await outbound.conversation(chatID: chat)

        try await outbound.reply(hostile, in: conversation)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        let sent = try #require(await harness.telegram.sentMessages(bot: token, chatId: chat).first)
        #expect(sent.text == "Maria\n" + hostile)
        #expect(sent.parseMode == nil)
    }

    @Test func signatureCanBeTurnedOff() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let outbound = OutboundHarness(base: harness, options: .init(signReplies: false))
        let chat = TelegramHarness.user(10).id
        let conversation = try await outbound.conversation(chatID: chat)
        try await outbound.reply("no name please", in: conversation)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        #expect(await harness.telegram.sentMessages(bot: token, chatId: chat).first?.text == "no name please")
    }

    @Test func attachmentIsUploadedWithItsNameAndTypeAndTheSignedCaption() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 1 << 20)
        let outbound = OutboundHarness(base: harness, media: media)
        let chat = TelegramHarness.user(11).id
        let conversation = try await outbound.conversation(chatID: chat)
        let bytes = Data("%PDF-1.7 fake invoice".utf8)
        let path = try await media.store(bytes, key: "outbound/invoice", fileExtension: "pdf")
        let attachment = SwitchboardCore.Attachment(kind: .document, fileName: "Invoice 4711.pdf", mimeType: "application/pdf", storedPath: path)

        try await outbound.reply("Your invoice", in: conversation, attachments: [attachment])
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        let sent = try #require(await harness.telegram.sentMessages(bot: token, chatId: chat).first)
        #expect(sent.method == "sendDocument")
        #expect(sent.caption == "Maria\nYour invoice")
        #expect(sent.upload?.fileName == "Invoice 4711.pdf")
        #expect(sent.upload?.mimeType == "application/pdf")
        #expect(sent.upload?.bytes == bytes)
    }

    @Test func typingActionIsSentThroughTheChannelAdapterPort() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        // Called through the port, as the inbox does, so the adapter's method must be the requirement's witness.
        let adapter: any ChannelAdapter = OutboundHarness(base: harness).adapter
        await adapter.sendTyping(to: String(TelegramHarness.user(12).id))
        #expect(await harness.telegram.chatActions(bot: token).map(\.action) == ["typing"])
    }
}
