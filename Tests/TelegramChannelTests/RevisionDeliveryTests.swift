import Foundation
import MediaFiles
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

/// The real revision dispatcher carrying stored edits and deletions through the real `TelegramAdapter`.
@Suite struct RevisionDeliveryTests {
    let token = TelegramHarness.token

    func revisions(_ harness: TelegramHarness, _ outbound: OutboundHarness, clock: any WallClock) -> RevisionDispatcher {
        RevisionDispatcher(
            store: harness.fixture.store,
            adapters: OutboundHarness.Registry(adapter: outbound.adapter),
            bus: harness.bus,
            clock: clock,
            logger: harness.logs.logger(),
            jitter: { 0.5 }
        )
    }

    func revise(
        _ harness: TelegramHarness,
        _ conversation: ConversationID,
        _ reply: MessageID,
        _ change: RevisionRequest.Change,
        at date: Date = Date()
    ) async throws {
        let viewer = Viewer(operatorID: harness.fixture.agent.id, role: .operator)
        _ = try await harness.fixture.store.revise(
            RevisionRequest(messageID: reply, conversationID: conversation, viewer: viewer, change: change),
            at: date
        )
    }

    func revisionState(_ harness: TelegramHarness, _ conversation: ConversationID) async throws -> RevisionStatus? {
        let contact = try #require(try await harness.fixture.store.conversation(conversation)?.contactID)
        let viewer = Viewer(operatorID: harness.fixture.agent.id, role: .admin)
        return try await harness.fixture.store.timeline(contactID: contact, viewer: viewer, before: nil, limit: 10).first {
            $0.message.direction == .outbound
        }?
        .revision
    }

    @Test func aFileReplysTextIsEditedAsItsCaptionSignedLikeTheReply() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let media = DiskMediaStore(root: harness.fixture.directory.url.appendingPathComponent("media"), maxBytes: 1 << 20)
        let outbound = OutboundHarness(base: harness, media: media)
        let chat = TelegramHarness.user(31).id
        let conversation = try await outbound.conversation(chatID: chat)
        let path = try await media.store(Data("%PDF-1.7 fake invoice".utf8), key: "outbound/invoice", fileExtension: "pdf")
        let invoice = SwitchboardCore.Attachment(kind: .document, fileName: "invoice.pdf", mimeType: "application/pdf", storedPath: path)
        let reply = try await outbound.reply("Invoice for March", in: conversation, attachments: [invoice])
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        let sent = try #require(await harness.telegram.sentMessages(bot: token, chatId: chat).first)
        #expect(sent.method == "sendDocument")

        try await revise(harness, conversation, reply, .edit(text: "Invoice for April"))
        #expect(try await revisions(harness, outbound, clock: SystemWallClock()).dispatchDue() == 1)

        let edit = try #require(await harness.telegram.sentMessages(bot: token, chatId: chat).last)
        #expect(edit.method == "editMessageCaption")
        #expect(edit.messageIds == sent.messageIds)
        #expect(await harness.telegram.botMessage(bot: token, chatId: chat, messageId: sent.messageIds[0])?.caption == "Maria\nInvoice for April")
        #expect(try await revisionState(harness, conversation) == RevisionStatus(kind: .edit, state: .sent))
    }

    @Test func aDeletionInterruptedAfterItsFirstPartFinishesTheRestOnItsRetry() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        let outbound = OutboundHarness(base: harness, clock: clock)
        let chat = TelegramHarness.user(32).id
        let conversation = try await outbound.conversation(chatID: chat)
        let reply = try await outbound.reply(String(repeating: "word ", count: 1000), in: conversation, at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        let parts = await harness.telegram.sentMessages(bot: token, chatId: chat).flatMap(\.messageIds)
        #expect(parts.count == 2)

        // Given Telegram deletes the first part, then answers the second with 429 retry_after 1
        try await harness.telegram.failNext(bot: token, method: "deleteMessage", with: .tooManyRequests(retryAfter: 1), after: 1)
        try await revise(harness, conversation, reply, .delete, at: clock.now())
        let dispatcher = revisions(harness, outbound, clock: clock)
        #expect(try await dispatcher.dispatchDue() == 1)
        #expect(
            try await revisionState(harness, conversation)
                == RevisionStatus(kind: .delete, state: .queued, reason: "Too Many Requests: retry after 1 (retry after 1.0 s)")
        )
        #expect(try await harness.fixture.store.nextRevisionDue() == clock.now().addingTimeInterval(1))

        // When the retry is due, the part already gone counts as deleted and the rest is deleted
        clock.advance(by: 1)
        #expect(try await dispatcher.dispatchDue() == 1)
        #expect(await harness.telegram.deletions(bot: token, chatId: chat).map(\.messageId) == parts)
        #expect(try await revisionState(harness, conversation)?.state == .sent)
    }
}
